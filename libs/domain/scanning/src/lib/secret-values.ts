/** Shannon entropy in bits per character. */
export function entropy(value: string): number {
  const counts = new Map<string, number>();
  for (const c of value) counts.set(c, (counts.get(c) ?? 0) + 1);
  let bits = 0;
  for (const n of counts.values()) bits -= (n / value.length) * Math.log2(n / value.length);
  return bits;
}

/**
 * Passwords that documentation prints on purpose: the published defaults of development tools
 * (MinIO, RabbitMQ, PostgreSQL and MySQL images, Elasticsearch, Grafana, Keycloak, LocalStack, the
 * Java keystore) and the words that stand for a password in examples (`user:pass`).
 */
const PUBLISHED_DEFAULTS = new Set([
  'pass', 'password', 'passwd', 'pwd', 'secret', 'token', 'user', 'username', 'apikey', 'api_key',
  'changeme', 'changeit', 'guest', 'postgres', 'root', 'admin', 'administrator', 'minioadmin', 'minio123',
  'elastic', 'test', 'testing', 'example', 'mysql', 'redis', 'rabbitmq', 'neo4j', 'default',
]);

/** A value that only refers to the secret: an env lookup, a template, a variable, an elided or masked value. */
const PLACEHOLDER_START =
  /^(?:\$|%|<|\{|process\.env|os\.environ|os\.getenv|env\(|getenv|System\.getenv|ENV[.[]|secrets\.|vault:|\*{3}|\.{3})/i;
/** Words that mark an example value, wherever they appear in it. */
const PLACEHOLDER_WORD =
  /example|changeme|changeit|placeholder|your[-_ ]|^your|dummy|redacted|replace[-_]?me|not[-_ ]?a[-_ ]?secret|fake|sample|test[-_]?(?:key|token|secret|password)|password123|secret123|x{4}|\*{3}/i;
/** A call or an index into a name (`ENV.fetch(`, `builder.Configuration[`, `std::env::var(`): code, not a value. */
const REFERENCE = /^[A-Za-z_$][\w$]*(?:(?:\.|::)[A-Za-z_$][\w$]*)*[([]$/;

/** Values that stand in for a secret rather than being one. */
export function isPlaceholder(value: string): boolean {
  const v = value.trim().replace(/^["'`]|["'`]$/g, '');
  return v.length === 0 || PUBLISHED_DEFAULTS.has(v.toLowerCase()) || PLACEHOLDER_START.test(v) || PLACEHOLDER_WORD.test(v) || REFERENCE.test(v);
}

/** A value that looks machine-generated: long enough, mixed, and high in entropy. */
export function looksRandom(value: string, minLength = 12, minEntropy = 3.2, minClasses = 2): boolean {
  if (value.length < minLength || isPlaceholder(value)) return false;
  const classes = [/[a-z]/, /[A-Z]/, /\d/, /[^A-Za-z0-9]/].filter((r) => r.test(value)).length;
  return classes >= minClasses && entropy(value) >= minEntropy;
}

/**
 * A type or variable name made of words (Argon2PasswordHasher, refreshTokenRepository). Each run of
 * lower-case letters is taken whole (`(?![a-z])`), so the words cannot be split in more than one way.
 */
const IDENTIFIER = /^(?:[A-Z]?[a-z]{2,}(?![a-z])\d*)+$/;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/**
 * A value assigned to a secret-sounding name that is itself a secret: random-looking with at
 * least three kinds of character, and not a URL, a file path, a UUID or a reference to something else.
 */
export function looksLikeAssignedSecret(value: string): boolean {
  if (/:\/\/|^[./~]|^[A-Za-z]:\\/.test(value) || UUID.test(value) || IDENTIFIER.test(value)) return false;
  // A long hex string is a key or token even with two kinds of character.
  if (/^[0-9a-f]{20,}$/i.test(value) && /\d/.test(value) && /[a-f]/i.test(value)) return !isPlaceholder(value);
  return looksRandom(value, 8, 3.0, 3);
}
