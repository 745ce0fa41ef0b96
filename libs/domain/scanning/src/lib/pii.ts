export type PiiKind = 'email' | 'home_directory_user' | 'ip_address' | 'phone_number';

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
    pattern: /\b[A-Za-z0-9._%+-]+@[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)*\.[A-Za-z]{2,}\b/g,
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
