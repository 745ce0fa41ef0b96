import { DETECTOR_PATTERNS, isPlaceholder, redactPii } from '@commontrace/domain-scanning';

/** Who runs the plugin: their home directory and user name never leave the machine. */
export interface Identity {
  home: string;
  user: string;
}

export interface Redacted {
  text: string;
  /** How many values were replaced, by kind (never the values). */
  counts: Record<string, number>;
}

/** A whole PEM private key block, header to footer (bounded). */
const PEM_BLOCK = /-----BEGIN [A-Z0-9 ]{0,40}PRIVATE KEY(?: BLOCK)?-----[\s\S]{0,20000}?-----END [A-Z0-9 ]{0,40}PRIVATE KEY(?: BLOCK)?-----/g;
/** The user-info part of any URL (`https://user:pass@host`, `https://token@host`). */
const URL_USERINFO = /(?<![\w+.-])([A-Za-z][\w+.-]{0,20}:\/\/)[^\s/@:]{0,256}(?::[^\s/@]{0,256})?@(?=[\w[])/g;
/** A name that announces a secret. */
const SECRET_NAME = /pass(?:wd|word)?|pwd|secret|token|api[_-]?key|access[_-]?key|private[_-]?key|credential|auth|session|cookie|signature|dsn/i;
/** `.env`-style and shell assignments: `NAME=value`, `export NAME="value"`, `NAME: value` in YAML. */
const ASSIGNMENT = /(?<![\w.-])((?:export\s{1,10})?-{0,2}[A-Za-z_][\w.-]{0,127})(\s{0,10}[:=]\s{0,10})(["']?)([^\s"'`,;]{1,512})/g;
/** An `Authorization: Bearer …` style header. */
const AUTH_HEADER = /\b(authorization|x-api-key|api-key|cookie|set-cookie)(["']?\s{0,10}[:=]\s{0,10}["']?)(?:(bearer|basic|token)\s{1,10})?([^\s"',;]{4,1024})/gi;

function count(counts: Record<string, number>, kind: string) {
  counts[kind] = (counts[kind] ?? 0) + 1;
}

function escapeRegExp(text: string): string {
  return text.replace(/[$()*+.?[\\\]^{|}]/g, '\\$&');
}

/**
 * Replaces everything that must not leave the machine with a placeholder: private keys, tokens and
 * keys (the detectors of libs/domain/scanning), URL credentials, secret-named assignments
 * (`.env` lines, headers), the user's home directory and name, e-mail addresses, IP addresses and
 * phone numbers. Every pattern is linear-time (bounded quantifiers, runs matched from their start).
 */
export function redact(input: string, identity?: Identity): Redacted {
  const counts: Record<string, number> = {};
  let text = input.replace(PEM_BLOCK, () => (count(counts, 'private_key'), '[redacted:private_key]'));
  text = text.replace(URL_USERINFO, (_m, scheme: string) => (count(counts, 'url_credentials'), `${scheme}[redacted]@`));
  text = text.replace(AUTH_HEADER, (m, name: string, op: string, scheme: string | undefined, value: string) => {
    if (isPlaceholder(value)) return m;
    count(counts, 'auth_header');
    return `${name}${op}${scheme ? `${scheme} ` : ''}[redacted]`;
  });
  for (const { kind, pattern } of DETECTOR_PATTERNS) {
    if (kind === 'generic_secret_assignment') continue;
    const global = new RegExp(pattern.source, pattern.flags.includes('g') ? pattern.flags : `${pattern.flags}g`);
    text = text.replace(global, (match: string, ...rest: unknown[]) => {
      const groups = rest[rest.length - 1];
      const named = typeof groups === 'object' && groups !== null ? (groups as Record<string, string | undefined>)['value'] : undefined;
      const value = named ?? (typeof rest[0] === 'string' ? rest[0] : match);
      if (isPlaceholder(value) || value.startsWith('[redacted')) return match;
      count(counts, kind);
      return match.replace(value, `[redacted:${kind}]`);
    });
  }
  text = text.replace(ASSIGNMENT, (m, name: string, op: string, quote: string, value: string) => {
    if (!SECRET_NAME.test(name) || isPlaceholder(value) || value.startsWith('[redacted')) return m;
    // `name: value` is also how prose and error messages read ("unexpected token: expected"): there
    // the value must look like a secret (letters and digits, 8 or more); `name=value` always counts.
    if (!op.includes('=') && !(value.length >= 8 && /\d/.test(value) && /[A-Za-z]/.test(value))) return m;
    count(counts, 'secret_assignment');
    return `${name}${op}${quote}[redacted]`;
  });
  if (identity?.home && identity.home.length > 1) {
    text = text.replace(new RegExp(escapeRegExp(identity.home), 'g'), () => (count(counts, 'home_directory'), '~'));
  }
  if (identity?.user && identity.user.length >= 3) {
    text = text.replace(new RegExp(`(?<![\\w.-])${escapeRegExp(identity.user)}(?![\\w-])`, 'g'), () => (count(counts, 'user_name'), '[user]'));
  }
  const pii = redactPii(text);
  for (const r of pii.redactions) counts[r.kind] = (counts[r.kind] ?? 0) + r.count;
  return { text: pii.text, counts };
}

/** Files whose content the plugin never reads or sends: env files, keys, credential stores. */
const SENSITIVE_FILE =
  /(?:^|[\\/])(?:\.env(?:\.[\w.-]{0,64})?|\.envrc|\.netrc|_netrc|\.npmrc|\.pypirc|\.pgpass|\.git-credentials|\.htpasswd|credentials(?:\.json)?|id_(?:rsa|dsa|ecdsa|ed25519)(?:\.pub)?|[\w.-]{0,200}\.(?:pem|key|p12|pfx|jks|keystore|kdbx|gpg|asc))$|(?:^|[\\/])(?:\.ssh|\.aws|\.gnupg|\.docker|\.kube)(?:[\\/]|$)/i;

export function isSensitivePath(path: string): boolean {
  return SENSITIVE_FILE.test(path);
}
