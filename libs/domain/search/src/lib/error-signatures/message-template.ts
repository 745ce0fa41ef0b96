/**
 * The template of an error message: what stays the same between two reports of one error.
 * Values that differ from one machine or run to the next become placeholders:
 *
 * | what | example | becomes |
 * |---|---|---|
 * | URLs | `https://registry.npmjs.org/x` | `<url>` |
 * | quoted values (`'…'`, `"…"`, `` `…` ``, `` `…' ``, `‘…’`, `“…”`) | `'requests'` | `<str>` |
 * | e-mail addresses (and the redactor's `[email]`) | `a@b.io` | `<email>` |
 * | paths, Unix and Windows, absolute and relative, with their `:line:col` | `src/a.ts:3:5` | `<path>` |
 * | UUIDs | `3f2b…-…` | `<id>` |
 * | hex addresses and hashes | `0x7ffd5e8c`, `a94a8fe5cc` | `<hex>` |
 * | IP addresses and host:port (and the redactor's `[ip]`) | `127.0.0.1:5432` | `<addr>` |
 * | numbers, versions, sizes and durations | `42`, `v18.2.0`, `512MB`, `30s` | `<n>` |
 *
 * A quoted value that holds no letter or digit is kept: `Unexpected token '<'` (HTML where JSON
 * was expected) is another error than `Unexpected token 'export'` (ESM loaded as CommonJS).
 * Then the text is lowercased, runs of white space become one space, and trailing punctuation
 * goes.
 *
 * Linear time: every pattern starts with a look-behind that keeps it from starting inside a run
 * of the characters it repeats, repetitions are bounded, and no quantified group can match the
 * same characters in two ways.
 */

const URL = /(?<![\w+.-])[A-Za-z][\w+.-]{0,20}:\/\/[^\s'"`<>()]{1,500}/g;
const BACKTICKED = /`[^`'\n]{0,200}[`']/g;
const DOUBLE_QUOTED = /"[^"\n]{0,200}"/g;
const SINGLE_QUOTED = /(?<![\p{L}\p{N}_])'[^'\n]{0,200}'(?![\p{L}\p{N}_])/gu;
const CURLY_QUOTED = /‘[^‘’\n]{0,200}’|“[^“”\n]{0,200}”|«[^«»\n]{0,200}»/g;
const EMAIL = /(?<![\w.+-])[\w.+-]{1,64}@[\w-]{1,63}(?:\.[\w-]{1,63}){1,8}|\[email\]/g;
const WINDOWS_PATH = /(?<![\w])[A-Za-z]:\\[^\s'"<>|:*?]{0,300}/g;
/** Runs of path characters with at least one slash; a run may start with `~`, `.` or a name. */
const UNIX_PATH = /(?<![\w.@+$~[\]/-])(?:~|[\w.@+$[\]-]{1,200})?(?:\/[\w.@+$[\]-]{1,200}){1,40}\/?/g;
const UUID = /(?<![\w-])[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}(?![\w-])/g;
const HEX_NUMBER = /(?<![\w])0x[0-9a-fA-F]{1,32}(?![\w])/g;
const HEX_RUN = /(?<![\w])[0-9a-fA-F]{8,64}(?![\w])/g;
const IPV4 = /(?<![\w.])\d{1,3}(?:\.\d{1,3}){3}(?::\d{1,5})?(?!\w|\.\d)/g;
/** Bracketed IPv6 (`[::1]:5432`), Node's `::1:5432` and `:::3000` (every interface), the redactor's `[ip]`. */
const IPV6 = /\[[0-9a-fA-F]{0,4}:[0-9a-fA-F:]{1,38}\](?::\d{1,5})?|(?<![\w:])(?:::1|::)(?::\d{1,5})?(?![\w:])|\[ip\](?::\d{1,5})?/g;
const HOST_PORT = /(?<![\w.-])[A-Za-z][\w-]{0,62}(?:\.[\w-]{1,63}){0,8}:\d{2,5}(?![\w.])/g;
const NUMBER = /(?<![\w.<])v?\d{1,30}(?:[.,_]\d{1,30}){0,8}(?:[kKmMgGtT]i?[bB]|ms|px|%)?(?![\w])/g;
const PATH_POSITION = /<path> ?(?:(?::<n>){1,3}|\(<n>(?:, ?<n>)?\))/g;

/** A placeholder for a quoted value, unless the value is punctuation only (see above). */
function quoted(match: string): string {
  return /[\p{L}\p{N}]/u.test(match.slice(1, -1)) ? ' <str> ' : match;
}

/** The template of one message (its first 400 characters). */
export function messageTemplate(message: string): string {
  const template = message
    .slice(0, 400)
    .replace(URL, ' <url> ')
    .replace(BACKTICKED, quoted)
    .replace(DOUBLE_QUOTED, quoted)
    .replace(SINGLE_QUOTED, quoted)
    .replace(CURLY_QUOTED, quoted)
    .replace(EMAIL, ' <email> ')
    .replace(WINDOWS_PATH, ' <path> ')
    .replace(UNIX_PATH, ' <path> ')
    .replace(UUID, '<id>')
    .replace(HEX_NUMBER, '<hex>')
    .replace(HEX_RUN, (m) => (/\d/.test(m) && /[a-f]/i.test(m) ? '<hex>' : m))
    .replace(IPV4, '<addr>')
    .replace(IPV6, '<addr>')
    .replace(HOST_PORT, '<addr>')
    .replace(NUMBER, '<n>')
    .toLowerCase()
    .replace(/\s+/g, ' ')
    .replace(PATH_POSITION, '<path>')
    .replace(/ ([,;.)\]])/g, '$1')
    .replace(/([([]) /g, '$1')
    .trim();
  return trimEndPunctuation(template);
}

/** Without trailing spaces and punctuation (a loop: a regular expression anchored at the end would be quadratic). */
export function trimEndPunctuation(text: string): string {
  let end = text.length;
  while (end > 0 && ' \t.,;:!'.includes(text[end - 1])) end -= 1;
  return text.slice(0, end);
}

/** Whether a template still says something once its values are placeholders: a word of two letters or more. */
export function hasWords(template: string): boolean {
  return /[a-z]{2,}/.test(template.replace(/<[a-z]+>/g, ' '));
}
