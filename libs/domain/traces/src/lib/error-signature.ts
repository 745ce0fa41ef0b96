/**
 * What identifies an error independently of how a trace words it: the codes and exception
 * types it names, and the versions it is about. Two traces naming different codes, or
 * different versions, describe different problems however alike their prose is.
 */

/** Words that a number follows without being a version of them. */
const NOT_PRODUCTS = new Set(
  (
    'port ports line lines code codes status exit size column col position step steps minute minutes second seconds ' +
    'hour hours day days pool limit max min about only error errno id pid row rows page pages attempt attempts ' +
    'version versions revision pr issue item items user uid gid process file files byte bytes instance ' +
    'instances replicas pods pod nodes node-count times of to from at in on by and or than with after before over ' +
    'under top last first offset index count number total each per are is was were has have returns gets get got ' +
    'localhost host http https'
  ).split(' '),
);

/**
 * Versions named after what they are versions of: `Node 18`, `React 17`, `Compose v2`,
 * `golang:1.21`, `eslint@9.1.0`, `Kubernetes 1.22+`. Product names are lowercased and reduced
 * to their last dash-separated part (`docker-compose` and `Compose` meet); a version keeps
 * major and minor when given, and a trailing `+` (`Node 15+`: that one or any later). A file
 * name and a line in it (`lib/crypto.js:135`) and a line and column (`main.go:7:2`) are
 * positions, not versions. Works on a linear scan of tokens, so any input is safe.
 */
export function namedVersions(text: string): Map<string, Set<string>> {
  const out = new Map<string, Set<string>>();
  const tokens = [...text.matchAll(/v?\d[\d.x]*\+?|[A-Za-z][\w+#-]*/g)];
  for (let i = 1; i < tokens.length; i++) {
    const [name, value] = [tokens[i - 1], tokens[i]];
    const between = text.slice((name.index ?? 0) + name[0].length, value.index);
    const end = (value.index ?? 0) + value[0].length;
    const after = text.charAt(end);
    const version = /^v?(\d{1,4})(?:\.(\d{1,4}|x))?/.exec(value[0]);
    if (!version || !/^(?:\s|:|@)$/.test(between) || /[A-Za-z]/.test(after) || /^\d/.test(name[0])) continue;
    if (/^v?\d/.test(name[0]) || /\d$/.test(name[0])) continue;
    // A file name and a position in it (`main.go:7:2`, `lib/crypto.js:135`), not a product and its version.
    const fileName = between === ':' && /[./\\]/.test(text.charAt((name.index ?? 0) - 1));
    if (fileName || (after === ':' && /\d/.test(text.charAt(end + 1)))) continue;
    const product = name[0].toLowerCase().split('-').filter(Boolean).pop() ?? '';
    if (product.length < 2 || NOT_PRODUCTS.has(product) || NOT_PRODUCTS.has(name[0].toLowerCase())) continue;
    const minor = version[2] && version[2] !== 'x' ? `.${version[2]}` : '';
    const orLater = value[0].endsWith('+') ? '+' : '';
    if (!out.has(product)) out.set(product, new Set());
    out.get(product)?.add(`${Number(version[1])}${minor}${orLater}`);
  }
  return out;
}

/** The first version named for each product: the one the trace is about (later ones are often "works on X"). */
export function firstNamedVersions(text: string): Map<string, Set<string>> {
  return new Map([...namedVersions(text)].map(([product, found]) => [product, new Set([...found].slice(0, 1))]));
}

/** `1.22` as numbers, for comparing a version with a lower bound. */
function versionNumbers(v: string): [number, number] {
  const [major, minor] = v.replace('+', '').split('.');
  return [Number(major), Number(minor ?? 0)];
}

/** At least the bound (`18` is within `15+`, `1.21` is not within `1.22+`). */
function atLeast(v: string, bound: string): boolean {
  const [a, b] = [versionNumbers(v), versionNumbers(bound)];
  return a[0] > b[0] || (a[0] === b[0] && a[1] >= b[1]);
}

/**
 * Two versions agree when they are equal at the precision both give (`18` agrees with `18.19`,
 * not `1.21` with `1.22`), or when one is a lower bound the other meets (`15+` and `18`).
 */
function versionsAgree(a: string, b: string): boolean {
  if (a.endsWith('+') && b.endsWith('+')) return true;
  if (a.endsWith('+') || b.endsWith('+')) return a.endsWith('+') ? atLeast(b, a) : atLeast(a, b);
  return a === b || ((!a.includes('.') || !b.includes('.')) && a.split('.')[0] === b.split('.')[0]);
}

/** A product named by both texts with no version in common: `Node 18` against `Node 20`. */
export function conflictingProductVersions(a: Map<string, Set<string>>, b: Map<string, Set<string>>): string | undefined {
  for (const [product, mine] of a) {
    const theirs = b.get(product);
    if (!theirs) continue;
    const agree = [...mine].some((x) => [...theirs].some((y) => versionsAgree(x, y)));
    if (!agree) return product;
  }
  return undefined;
}

/**
 * Capitalized words that the errno-code pattern (`E` and three or more capitals) would take for
 * a code: log levels and the keywords of SQL, Dockerfiles and shells that traces quote.
 */
const NOT_ERRNO = new Set(
  (
    'ERROR ERRORS EXPLAIN ENTRYPOINT EXPOSE EXEC EXECUTE EXISTS EXIT ELSE ELSIF ENGINE EVENT EVENTS EXCEPT ' +
    'EXTENSION EXTERNAL EACH EMPTY ENUM ENABLE ENABLED ENCODING ESCAPE EXCLUDE EXPORT EXTRACT EDIT EOF'
  ).split(' '),
);

/**
 * Error identifiers: Node/npm codes (`ERR_*`, `EADDRINUSE`, `EAI_AGAIN`), exception and error
 * class names, compiler codes (`TS2307`, Rust `E0382`, Angular `NG0100`), vendor codes (Prisma
 * `P2002`, GitHub `GH006`, Azure `AADSTS700082`), SQLSTATE-like codes given as such, HTTP
 * statuses with their reason or given as an error status (`status: 403`), and process exit codes.
 */
export function errorMarkers(text: string): Set<string> {
  const found = new Set<string>();
  const patterns = [
    /\b(?:ERR_[A-Z0-9_]+|E[A-Z]{3}[A-Z0-9_]*|EAI_[A-Z]+|[A-Z][a-zA-Z]+(?:Error|Exception)|TS\d{4}|E0\d{3}|NG0\d{3}|P[1-3]\d{3}|GH\d{3}|AADSTS\d{5,})\b/g,
    /\bHTTP \d{3}\b|\b\d{3} (?:Not Found|Forbidden|Unauthorized|Bad Gateway|Bad Request|Gone|Service Unavailable|Gateway Timeout|Request Entity Too Large|Too Many Requests)\b/g,
  ];
  for (const pattern of patterns) {
    for (const m of text.match(pattern) ?? []) if (!NOT_ERRNO.has(m)) found.add(m.replace(/^HTTP (\d{3})$/, '$1').replace(/^(\d{3}) .*$/, '$1'));
  }
  for (const m of text.matchAll(/(?<!exit )\bstatus(?:[ _]?code)?["']?:? ?([45]\d{2})\b/gi)) found.add(m[1]);
  for (const m of text.matchAll(/\bexit (?:code|status)[: ]+(\d{1,3})\b/gi)) found.add(`exit ${m[1]}`);
  for (const m of text.matchAll(/\bSQLSTATE[: ]+([0-9A-Z]{5})\b/g)) found.add(m[1]);
  return found;
}

/** Both name some, and neither's are all named by the other. */
export function conflicting(a: Set<string>, b: Set<string>): boolean {
  if (!a.size || !b.size) return false;
  const aInB = [...a].every((x) => b.has(x));
  const bInA = [...b].every((x) => a.has(x));
  return !aInB && !bInA;
}

/** A line that states an error: it names an error marker or uses the words error messages use. */
const ERROR_LINE = /error|exception|fail|fatal|panic|cannot|can't|unable|denied|refused|not found|no such|not supported|invalid|missing|undefined|traceback|warn/i;

/**
 * Error-message templates: each line of the text that states an error, with what varies
 * between two reports of the same error replaced by placeholders (quoted names → Q, paths → P,
 * numbers → N), lowercased and with runs of spaces collapsed. Two reports of one error share a
 * template even when their paths, ports, line numbers and identifiers differ. Lines are capped
 * at 200 characters, and each line is scanned token by token, so the work stays linear.
 */
export function errorTemplates(text: string): Set<string> {
  const out = new Set<string>();
  for (const line of text.split('\n')) {
    if (line.length < 8 || !ERROR_LINE.test(line)) continue;
    const unquoted = line.slice(0, 200).toLowerCase().replace(/'[^'\n]*'|"[^"\n]*"|`[^`\n]*`|‘[^‘’\n]*’|“[^“”\n]*”/g, ' Q ');
    const parts = unquoted.split(/\s+/).filter(Boolean).map((token) => {
      if (token.includes('/') || token.includes('\\')) return 'P';
      return token.replace(/0x[\da-f]+|\d+/g, 'N');
    });
    if (parts.length >= 3) out.add(parts.join(' '));
  }
  return out;
}
