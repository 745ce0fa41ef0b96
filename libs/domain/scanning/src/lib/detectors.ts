import { isPlaceholder, looksLikeAssignedSecret, looksRandom } from './secret-values';
import { SecretKind } from './secret-kinds';

/**
 * A pattern for a credential that the library does not cover (or covers too narrowly).
 *
 * Every pattern runs in linear time over any text: its quantifiers are bounded or end the match,
 * no two adjacent quantifiers can trade characters, and a pattern that scans a run of characters
 * starts only at the beginning of that run (a lookbehind), so no input makes it backtrack or move
 * super-linearly. `detectors.spec.ts` feeds every pattern 50,000-character attack strings.
 */
interface Detector {
  kind: SecretKind;
  pattern: RegExp;
  /** Further checks on the value (group `value`, else group 1, else the whole match), which is never a placeholder. */
  accept?: (value: string, match: RegExpExecArray) => boolean;
}

/** A name that announces a secret (`DB_PASSWORD`, `client_secret`, `apiKey`, `auth-token`). */
const SECRET_NAME = /password|passwd|pwd|secret|token|api[_-]?key|access[_-]?key|private[_-]?key|credential/i;

const DETECTORS: Detector[] = [
  { kind: 'private_key', pattern: /-----BEGIN (?:[A-Z0-9]{1,20} ){0,4}PRIVATE KEY(?: BLOCK)?-----/ },
  { kind: 'aws_access_key', pattern: /\b((?:AKIA|ASIA|ABIA|ACCA)[A-Z0-9]{16})\b/, accept: (v) => !v.endsWith('EXAMPLE') },
  {
    kind: 'aws_secret_key',
    pattern: /aws_?secret_?(?:access_?)?key["']?\s{0,20}[:=,]\s{0,20}["']?([A-Za-z0-9/+=]{40})(?![A-Za-z0-9/+=])/i,
    accept: (v) => !v.endsWith('EXAMPLEKEY') && looksRandom(v, 40, 3.5),
  },
  { kind: 'gcp_api_key', pattern: /\b(AIza[\w-]{35})(?![\w-])/ },
  { kind: 'gcp_service_account', pattern: /"type"\s{0,20}:\s{0,20}"service_account"[\s\S]{0,2000}?"private_key"\s{0,20}:\s{0,20}"-----BEGIN/ },
  { kind: 'azure_storage_key', pattern: /AccountKey=([A-Za-z0-9+/]{86}==)/ },
  { kind: 'azure_storage_key', pattern: /SharedAccessKey=([A-Za-z0-9+/=]{40,})/ },
  {
    kind: 'azure_client_secret',
    pattern: /AZURE_CLIENT_SECRET["']?\s{0,20}[:=]\s{0,20}["']?([\w~.-]{30,44})/,
    accept: (v) => looksRandom(v, 30, 3.5),
  },
  { kind: 'github_token', pattern: /\b(gh[pousr]_[A-Za-z0-9]{36,255})\b/ },
  { kind: 'github_token', pattern: /\b(github_pat_\w{60,255})\b/ },
  { kind: 'gitlab_token', pattern: /\b(gl(?:pat|dt|rt|ptt|cbt|soat)-[\w-]{20,})/ },
  { kind: 'slack_token', pattern: /\b(xox[abposr]-[A-Za-z0-9-]{10,})/ },
  {
    kind: 'slack_webhook',
    pattern: /https:\/\/hooks\.slack\.com\/(?:services|workflows)\/[\w/-]{20,}/,
    accept: (v) => !/X{8}|T0{8}/.test(v),
  },
  { kind: 'stripe_key', pattern: /\b([rs]k_live_[A-Za-z0-9]{20,})/ },
  { kind: 'stripe_key', pattern: /\b(whsec_[A-Za-z0-9]{24,})/ },
  { kind: 'twilio_key', pattern: /\b(SK[0-9a-f]{32})\b/ },
  { kind: 'twilio_key', pattern: /(?:auth_?token|TWILIO_AUTH_TOKEN)["']?\s{0,20}[:=]\s{0,20}["']?([0-9a-f]{32})\b/i },
  { kind: 'sendgrid_key', pattern: /\b(SG\.[\w-]{16,32}\.[\w-]{16,64})/ },
  { kind: 'npm_token', pattern: /\b(npm_[A-Za-z0-9]{36})\b/ },
  { kind: 'npm_token', pattern: /_authToken\s{0,20}=\s{0,20}([^\s$'"{]{20,})/ },
  { kind: 'pypi_token', pattern: /\b(pypi-AgE[\w-]{50,})/ },
  {
    kind: 'openai_key',
    pattern: /\b(sk-(?:proj-|svcacct-|admin-)?[\w-]{40,})/,
    accept: (v) => !v.startsWith('sk-ant-'),
  },
  { kind: 'anthropic_key', pattern: /\b(sk-ant-(?:api|admin)\d{2}-[\w-]{80,})/ },
  { kind: 'huggingface_token', pattern: /\b(hf_[A-Za-z0-9]{30,})\b/ },
  // Each segment starts at the beginning of its run, so a text of "eyJeyJeyJ…" costs one pass.
  { kind: 'jwt', pattern: /(?<![\w-])(eyJ[\w-]{8,4096}\.eyJ[\w-]{8,16384}\.[\w-]{16,})/ },
  {
    kind: 'database_url_password',
    pattern: /\b(?:postgres(?:ql)?|mysql|mariadb|mongodb(?:\+srv)?|mssql|sqlserver|oracle|cockroachdb|clickhouse):\/\/[^\s:/@]{0,256}:([^\s/@]{1,256})@/i,
  },
  {
    kind: 'broker_url_password',
    pattern: /\b(?:amqps?|redis|rediss|nats|tls|mqtt|mqtts|kafka|stomp):\/\/[^\s:/@]{0,256}:([^\s/@]{1,256})@/i,
  },
  { kind: 'basic_auth_url', pattern: /\bhttps?:\/\/[\w.~%-]{1,256}:([^\s/@]{1,256})@[A-Za-z0-9.-]/ },
  {
    // `name = value`, `"name": "value"`, `name => value`, `name is value`: a maximal name run
    // (at most 128 characters, starting where the run starts) that announces a secret, then a
    // value that looks random. The name and its operator cannot trade characters.
    kind: 'generic_secret_assignment',
    pattern:
      /(?<![\w.-])(?<name>[\w.-]{1,128})["']?(?:\s{0,20}(?:=>|:=|[,:=])|\s{1,20}is(?=\s))\s{0,20}["'`]?(?<value>[^\s"'`,;)\]}]{8,256})/gi,
    accept: (v, m) => SECRET_NAME.test(m.groups?.['name'] ?? '') && looksLikeAssignedSecret(v),
  },
];

export interface DetectorHit {
  kind: SecretKind;
}

/** Runs our own detectors over one text. */
export function detectSecrets(text: string): DetectorHit[] {
  const hits: DetectorHit[] = [];
  for (const d of DETECTORS) {
    const global = new RegExp(d.pattern.source, d.pattern.flags.includes('g') ? d.pattern.flags : d.pattern.flags + 'g');
    for (const m of text.matchAll(global)) {
      const value = m.groups?.['value'] ?? m[1] ?? m[0];
      if (!isPlaceholder(value) && (!d.accept || d.accept(value, m as RegExpExecArray))) {
        hits.push({ kind: d.kind });
        break;
      }
    }
  }
  return hits;
}

/** The detectors' patterns, for the specs that attack each of them. */
export const DETECTOR_PATTERNS: readonly { kind: SecretKind; pattern: RegExp }[] = DETECTORS.map(({ kind, pattern }) => ({ kind, pattern }));
