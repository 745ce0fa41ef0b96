import { SecretKind } from './secret-kinds';

/** A pattern for a credential that the library does not cover (or covers too narrowly). */
interface Detector {
  kind: SecretKind;
  pattern: RegExp;
  /** Further checks on the match (group 1 when present, else the whole match). */
  accept?: (value: string) => boolean;
}

/** Shannon entropy in bits per character. */
export function entropy(value: string): number {
  const counts = new Map<string, number>();
  for (const c of value) counts.set(c, (counts.get(c) ?? 0) + 1);
  let bits = 0;
  for (const n of counts.values()) bits -= (n / value.length) * Math.log2(n / value.length);
  return bits;
}

/** Values that stand in for a secret rather than being one. */
export function isPlaceholder(value: string): boolean {
  const v = value.trim().replace(/^['"`]|['"`]$/g, '');
  return (
    v.length === 0 ||
    /^(\$\{?|%|<|\{\{|process\.env|os\.environ|os\.getenv|env\(|getenv|System\.getenv|ENV\[|secrets\.|vault:|\*{3,}|x{4,}|\.{3})/i.test(v) ||
    /(example|changeme|placeholder|your[-_ ]|dummy|redacted|replace[-_]?me|not[-_ ]?a[-_ ]?secret|fake|sample|test[-_]?(key|token|secret|password)|password123|secret123|^password$|^secret$|^token$|^guest$)/i.test(v)
  );
}

/** A value that looks machine-generated: long enough, mixed, and high in entropy. */
export function looksRandom(value: string, minLength = 12, minEntropy = 3.2, minClasses = 2): boolean {
  if (value.length < minLength || isPlaceholder(value)) return false;
  const classes = [/[a-z]/, /[A-Z]/, /[0-9]/, /[^A-Za-z0-9]/].filter((r) => r.test(value)).length;
  return classes >= minClasses && entropy(value) >= minEntropy;
}

/** A type or variable name made of words (Argon2PasswordHasher, refreshTokenRepository). */
const IDENTIFIER = /^(?:[A-Z]?[a-z]{2,}\d*)+$/;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/**
 * A value assigned to a secret-sounding name that is itself a secret: random-looking with at
 * least three kinds of character, and not a URL, a file path, a UUID or a reference to something else.
 */
export function looksLikeAssignedSecret(value: string): boolean {
  if (/:\/\/|^[./~]|^[A-Za-z]:\\/.test(value) || UUID.test(value) || IDENTIFIER.test(value)) return false;
  // A long hex string is a key or token even with two kinds of character.
  if (/^[0-9a-f]{20,}$/i.test(value) && /[0-9]/.test(value) && /[a-f]/i.test(value)) return !isPlaceholder(value);
  return looksRandom(value, 8, 3.0, 3);
}

const DETECTORS: Detector[] = [
  { kind: 'private_key', pattern: /-----BEGIN (?:[A-Z0-9]+ )*PRIVATE KEY(?: BLOCK)?-----/ },
  { kind: 'aws_access_key', pattern: /\b((?:AKIA|ASIA|ABIA|ACCA)[A-Z0-9]{16})\b/, accept: (v) => !/EXAMPLE$/.test(v) },
  {
    kind: 'aws_secret_key',
    pattern: /aws_?secret_?(?:access_?)?key["']?\s*[:=,]\s*["']?([A-Za-z0-9/+=]{40})(?![A-Za-z0-9/+=])/i,
    accept: (v) => !/EXAMPLEKEY$/.test(v) && looksRandom(v, 40, 3.5),
  },
  { kind: 'gcp_api_key', pattern: /\b(AIza[0-9A-Za-z_-]{35})(?![0-9A-Za-z_-])/ },
  { kind: 'gcp_service_account', pattern: /"type"\s*:\s*"service_account"[\s\S]{0,2000}"private_key"\s*:\s*"-----BEGIN/ },
  { kind: 'azure_storage_key', pattern: /AccountKey=([A-Za-z0-9+/]{86}==)/ },
  { kind: 'azure_storage_key', pattern: /SharedAccessKey=([A-Za-z0-9+/=]{40,})/ },
  {
    kind: 'azure_client_secret',
    pattern: /AZURE_CLIENT_SECRET["']?\s*[:=]\s*["']?([A-Za-z0-9~._-]{30,44})/,
    accept: (v) => looksRandom(v, 30, 3.5),
  },
  { kind: 'github_token', pattern: /\b(gh[pousr]_[A-Za-z0-9]{36,255})\b/ },
  { kind: 'github_token', pattern: /\b(github_pat_[A-Za-z0-9_]{60,255})\b/ },
  { kind: 'gitlab_token', pattern: /\b(gl(?:pat|dt|rt|ptt|cbt|soat)-[A-Za-z0-9_-]{20,})/ },
  { kind: 'slack_token', pattern: /\b(xox[abposr]-[A-Za-z0-9-]{10,})/ },
  {
    kind: 'slack_webhook',
    pattern: /https:\/\/hooks\.slack\.com\/(?:services|workflows)\/[A-Za-z0-9/_-]{20,}/,
    accept: (v) => !/X{8,}|T0{8}/.test(v),
  },
  { kind: 'stripe_key', pattern: /\b((?:sk|rk)_live_[A-Za-z0-9]{20,})/ },
  { kind: 'stripe_key', pattern: /\b(whsec_[A-Za-z0-9]{24,})/ },
  { kind: 'twilio_key', pattern: /\b(SK[0-9a-f]{32})\b/ },
  {
    kind: 'twilio_key',
    pattern: /(?:auth_?token|TWILIO_AUTH_TOKEN)["']?\s*[:=]\s*["']?([0-9a-f]{32})\b/i,
  },
  { kind: 'sendgrid_key', pattern: /\b(SG\.[A-Za-z0-9_-]{16,32}\.[A-Za-z0-9_-]{16,64})/ },
  { kind: 'npm_token', pattern: /\b(npm_[A-Za-z0-9]{36})\b/ },
  { kind: 'npm_token', pattern: /_authToken\s*=\s*([^\s$'"{]{20,})/ },
  { kind: 'pypi_token', pattern: /\b(pypi-AgE[A-Za-z0-9_-]{50,})/ },
  { kind: 'openai_key', pattern: /\b(sk-(?:proj-|svcacct-|admin-)?[A-Za-z0-9_-]{40,})/, accept: (v) => !v.startsWith('sk-ant-') },
  { kind: 'anthropic_key', pattern: /\b(sk-ant-(?:api|admin)\d{2}-[A-Za-z0-9_-]{80,})/ },
  { kind: 'huggingface_token', pattern: /\b(hf_[A-Za-z0-9]{30,})\b/ },
  { kind: 'jwt', pattern: /\b(eyJ[A-Za-z0-9_-]{8,}\.eyJ[A-Za-z0-9_-]{8,}\.[A-Za-z0-9_-]{16,})/ },
  {
    kind: 'database_url_password',
    pattern: /\b(?:postgres(?:ql)?|mysql|mariadb|mongodb(?:\+srv)?|mssql|sqlserver|oracle|cockroachdb|clickhouse):\/\/[^\s:/@]*:([^\s@/]+)@/i,
    accept: (v) => !isPlaceholder(v),
  },
  {
    kind: 'broker_url_password',
    pattern: /\b(?:amqps?|redis|rediss|nats|tls|mqtt|mqtts|kafka|stomp):\/\/[^\s:/@]*:([^\s@/]+)@/i,
    accept: (v) => !isPlaceholder(v),
  },
  {
    kind: 'basic_auth_url',
    pattern: /\bhttps?:\/\/[A-Za-z0-9._~%-]+:([^\s@/]+)@[A-Za-z0-9.-]+/,
    accept: (v) => !isPlaceholder(v),
  },
  {
    kind: 'generic_secret_assignment',
    pattern:
      /\b[A-Za-z0-9_.-]*(?:password|passwd|pwd|secret|token|api[_-]?key|apikey|access[_-]?key|private[_-]?key|auth[_-]?token|credentials?)[A-Za-z0-9_.-]*["']?\s*(?:[:=,]|=>|:=|\s+is)\s*["'`]?([^\s"'`,;)}\]]{8,})/i,
    accept: (v) => looksLikeAssignedSecret(v),
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
      const value = m[1] ?? m[0];
      if (!d.accept || d.accept(value)) {
        hits.push({ kind: d.kind });
        break;
      }
    }
  }
  return hits;
}
