export const PII_KINDS = ['email', 'home_directory_user', 'ip_address', 'phone_number'] as const;
export type PiiKind = (typeof PII_KINDS)[number];

export interface PiiRedaction {
  kind: PiiKind;
  count: number;
}

const KEEP_IPS = /^(127\.|0\.0\.0\.0$|255\.255\.255\.\d+$|10\.0\.0\.0$|192\.168\.0\.0$|172\.16\.0\.0$)/;

interface Rule {
  kind: PiiKind;
  pattern: RegExp;
  replace: (match: string, ...groups: string[]) => string;
}

const RULES: Rule[] = [
  {
    kind: 'email',
    // The limits of RFC 5321 (local part ≤ 64, labels ≤ 63) bound every attempt, and the local part
    // starts where its run starts: linear in the text, even for "a@a.a" chains.
    pattern: /(?<![\w.%+-])[\w.%+-]{1,64}@(?:[A-Za-z0-9-]{1,63}\.){1,8}[A-Za-z]{2,63}\b/g,
    replace: (m) => (/@(example\.(com|org|net)|localhost)$/i.test(m) || /^(git|noreply|no-reply)@/i.test(m) ? m : '[email]'),
  },
  {
    kind: 'home_directory_user',
    pattern: /(\/home\/|\/Users\/|[A-Za-z]:\\Users\\|[A-Za-z]:\/Users\/)([A-Za-z0-9._-]+)/g,
    replace: (m, prefix: string, user: string) =>
      ['dev', 'user', 'runner', 'ubuntu', 'node', 'root', 'admin', 'vscode', 'codespace', 'USER', 'username', '[user]', 'Public', 'Shared'].includes(user)
        ? m
        : `${prefix}[user]`,
  },
  {
    kind: 'ip_address',
    pattern: /(?<![\w.])(?:(?:25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)\.){3}(?:25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)(?![\w.])/g,
    replace: (m) => (KEEP_IPS.test(m) ? m : '[ip]'),
  },
  {
    kind: 'phone_number',
    pattern: /(?<![\w.+-])(?:\+\d{1,3}[ .-]?)?(?:\(\d{2,4}\)[ .-]?|\d{3}[ .-])\d{3}[ .-]\d{4}(?!\w|-|\.\d)/g,
    replace: () => '[phone]',
  },
];

/**
 * Replaces personal data that is not a secret with placeholders: e-mail addresses, user names
 * inside home-directory paths, IP addresses (loopback and well-known ranges are kept) and phone
 * numbers. Returns the new text and what was replaced.
 */
export function redactPii(text: string): { text: string; redactions: PiiRedaction[] } {
  const redactions: PiiRedaction[] = [];
  let out = text;
  for (const rule of RULES) {
    let count = 0;
    out = out.replace(rule.pattern, (...args) => {
      const replaced = rule.replace(...(args as [string, ...string[]]));
      if (replaced !== args[0]) count += 1;
      return replaced;
    });
    if (count) redactions.push({ kind: rule.kind, count });
  }
  return { text: out, redactions };
}

/**
 * Redacts every string inside a JSON value (object values and array items, at any depth; keys are
 * kept), and adds up what was replaced across the whole value.
 */
export function redactPiiInJson<T>(value: T): { value: T; redactions: PiiRedaction[] } {
  const counts = new Map<PiiKind, number>();
  const walk = (v: unknown): unknown => {
    if (typeof v === 'string') {
      const result = redactPii(v);
      for (const r of result.redactions) counts.set(r.kind, (counts.get(r.kind) ?? 0) + r.count);
      return result.text;
    }
    if (Array.isArray(v)) return v.map(walk);
    if (v && typeof v === 'object') return Object.fromEntries(Object.entries(v).map(([k, item]) => [k, walk(item)]));
    return v;
  };
  const redacted = walk(value) as T;
  return { value: redacted, redactions: PII_KINDS.filter((k) => counts.has(k)).map((kind) => ({ kind, count: counts.get(kind) ?? 0 })) };
}
