/**
 * Where a line of text states an error, and what its type and message are. The type is what
 * names the error (`ModuleNotFoundError`, `java.lang.IllegalStateException`, `error` of a tool,
 * `ts2307` for `error TS2307:`), the message is the rest of the line after it. Recognized:
 *
 * - exception types followed by `: ` anywhere in the line (Python, JavaScript and Node, Java and
 *   Kotlin with their packages, C#, PHP, Dart…): a name whose last part ends in Error,
 *   Exception, Warning, Fault… or a PascalCase class of an `errors`/`exceptions`/`exc` module
 *   (`psycopg2.errors.UndefinedTable`); Node's `Error [ERR_X]:` keeps its code. A line that
 *   chains several (`Error: TypeError: …`, `Caused by: …`) gives each;
 * - levels of compilers and tools: `error:`, `fatal error:`, `fatal:`, `panic:` (Go), `critical:`,
 *   PostgreSQL's `ERROR:  …` and `FATAL:  …`, apt's `E:`, with a code they carry as the type
 *   (`error[E0502]:` → `e0502`, `error TS2307:` → `ts2307`, `error CS0246:` → `cs0246`). In lower
 *   or title case, a level preceded by a word (`this error: …`) is prose, not a report;
 * - codes before a message: `ORA-00942: …`, `TS2307: …`, MySQL's `ERROR 1146 (42S02): …`;
 * - Ruby's `message (NoMethodError)`;
 * - Rust panics, old (`panicked at 'message', src/main.rs:4:5`) and new (the message on the
 *   line after `panicked at src/main.rs:4:5:`).
 *
 * The patterns are linear: names are matched only from the start of a run of name characters,
 * dotted parts are separated by a character the parts cannot hold, and every repetition is
 * bounded.
 */

export interface ErrorLine {
  /** How the error is named, lowercased. */
  type: string;
  /** The rest of the line: the message, before normalization. */
  message: string;
}

/** Of a line that chains exceptions (`Error: TypeError: …`), the first this many are taken. */
const MAX_CHAINED = 3;

/** A dotted name followed by an optional ` [CODE]` and a colon. */
const TYPE_AT = /(?<![\w$.:\\])([A-Za-z_$][\w$]{0,100}(?:(?:\.|::|\\)[A-Za-z_$][\w$]{0,100}){0,12})( \[[A-Za-z][\w-]{0,60}\])?:(?=\s)/g;
const EXCEPTION_SUFFIX = /(?:Error|Exception|Warning|Fault|Panic|Failure|Interrupt|Rejection|Violation|Exit)$/;
const EXCEPTION_NAMES = new Set(['StopIteration', 'StopAsyncIteration', 'SystemExit', 'KeyboardInterrupt', 'Throwable']);
const ERROR_MODULES = new Set(['errors', 'exceptions', 'exc', 'error']);

/** A level, with a code it may carry, and its colon. */
const LEVEL_AT = /(?<![\w-])(fatal error|error|fatal|panic|critical)(?:\[([A-Za-z]{1,6}\d{3,5})\]| ([A-Za-z]{1,6}\d{3,5}))?:(?=\s|$)/gi;
const APT_LEVEL = /^E: (?=\S)/;
/** A code that names the error before its message: `ORA-00942: …`, `TS2307: …`, MySQL's `ERROR 1146 (42S02): …`. */
const CODE_AT =
  /(?<![\w-])(?:((?:ORA|PLS|TNS)-\d{5}|TS\d{4,5}|CS\d{4}|E0\d{3}|MSB\d{4}|NU\d{4}|NETSDK\d{4}|NG0\d{3}|AADSTS\d{5,6})|ERROR (\d{4}) \([0-9A-Z]{5}\)):(?=\s)/g;
const RUBY_SUFFIX = / \(([A-Z][\w]{0,60}(?:::[A-Z][\w]{0,60}){0,6})\)\s*$/;
const RUST_PANIC = /\bpanicked at (?:'([^'\n]{1,300})', |(\S{1,300}):\s*$)/;

export function isExceptionType(name: string): boolean {
  const parts = name.split(/\.|::|\\/);
  const last = parts[parts.length - 1];
  if (!/^[A-Z]/.test(last)) return false;
  if (EXCEPTION_SUFFIX.test(last) || EXCEPTION_NAMES.has(last)) return true;
  return parts.length > 1 && ERROR_MODULES.has(parts[parts.length - 2]) && /^[A-Z][a-z]/.test(last);
}

/** Lowercased level or title-case level after a word is prose ("I got this error: …"). */
function isProse(line: string, at: number, level: string): boolean {
  if (level === level.toUpperCase()) return false;
  const before = line.slice(0, at).trimEnd();
  return /\p{L}$/u.test(before);
}

function exceptionLines(line: string): ErrorLine[] {
  const out: ErrorLine[] = [];
  for (const m of line.matchAll(TYPE_AT)) {
    if (!isExceptionType(m[1])) continue;
    out.push({ type: (m[1] + (m[2] ?? '')).toLowerCase(), message: line.slice(m.index + m[0].length).trim() });
    if (out.length === MAX_CHAINED) break;
  }
  return out;
}

function levelLines(line: string): ErrorLine[] {
  const out: ErrorLine[] = [];
  const apt = APT_LEVEL.exec(line);
  if (apt) out.push({ type: 'e', message: line.slice(apt[0].length).trim() });
  for (const m of line.matchAll(LEVEL_AT)) {
    if (isProse(line, m.index, m[1])) continue;
    const code = m[2] ?? m[3];
    // A code is the more precise name of the error: `error[E0502]` and `E0502:` are one type.
    const type = code ? code.toLowerCase() : m[1].toLowerCase().replace(/\s+/g, ' ');
    out.push({ type, message: line.slice(m.index + m[0].length).trim() });
    break;
  }
  return out;
}

function codeLines(line: string): ErrorLine[] {
  const out: ErrorLine[] = [];
  for (const m of line.matchAll(CODE_AT)) {
    out.push({ type: m[1] ? m[1].toLowerCase() : `mysql-${m[2]}`, message: line.slice(m.index + m[0].length).trim() });
    if (out.length === MAX_CHAINED) break;
  }
  return out;
}

function rubyLine(line: string): ErrorLine[] {
  const m = RUBY_SUFFIX.exec(line);
  if (!m || !isExceptionType(m[1])) return [];
  let message = line.slice(0, m.index);
  // `app.rb:3:in 'foo': message`: the location goes.
  const located = message.indexOf(':in ');
  const end = located >= 0 ? message.indexOf(': ', located + 4) : -1;
  if (end >= 0) message = message.slice(end + 2);
  return [{ type: m[1].toLowerCase(), message: message.trim() }];
}

function rustPanic(line: string, next: string | undefined): ErrorLine[] {
  const m = RUST_PANIC.exec(line);
  if (!m) return [];
  const message = m[1] ?? next?.trim();
  return message ? [{ type: 'panicked', message }] : [];
}

/** The error statements of one line (the next line completes a new-style Rust panic). */
export function errorLines(line: string, next?: string): ErrorLine[] {
  const found = [...exceptionLines(line), ...levelLines(line), ...codeLines(line), ...rubyLine(line), ...rustPanic(line, next)];
  return found.filter((f) => f.message.length > 0);
}
