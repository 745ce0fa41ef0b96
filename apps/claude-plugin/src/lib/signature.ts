import { errorSignatures, messageTemplate } from '@commontrace/domain-search';

/** Timestamps, in the forms logs print them: they differ on every run. */
const ISO_TIME = /\b\d{4}-\d{2}-\d{2}(?:[T ]\d{2}:\d{2}(?::\d{2}(?:[.,]\d{1,9})?)?(?:Z|[+-]\d{2}:?\d{2})?)?(?![\w:])/g;
const CLOCK_TIME = /(?<![\w:])\d{1,2}:\d{2}:\d{2}(?:[.,]\d{1,9})?(?![\w:])/g;
/** A line that reports an error, when no known error form is found. */
const ERROR_LINE = /\b(?:error|err!|fatal|failed|failure|exception|panic|cannot|can't|could not|couldn't|not found|no such|denied|refused|undefined|invalid|missing|unexpected)\b/i;
/** Error markers in the output of a command whose exit status the hook does not know. */
const ERROR_MARKERS =
  /^(?:error|fatal|panic)(?:\[\w{1,20}\])?:|^Traceback \(most recent call last\)|^npm ERR!|^npm error |^\s{0,8}FAIL\s|^Exception in thread|^\w{1,80}(?:Error|Exception): |command not found$|^E\s{1,4}\w{1,80}(?:Error|Exception)|^error TS\d{4}|: error TS\d{4}:|^\s{0,8}\d{1,6} (?:failed|failing)\b/im;

export const MAX_SIGNATURE_LENGTH = 200;

function stripTimes(text: string): string {
  return text.replace(ISO_TIME, '<time>').replace(CLOCK_TIME, '<time>');
}

/** Whether a command's output shows an error (for results that carry no exit status). */
export function hasErrorMarkers(output: string): boolean {
  return ERROR_MARKERS.test(output.slice(0, 200_000));
}

/**
 * The normalized signature of an error output: the first error the search service would index
 * (its type and message template, or its code), else the template of the first line that reads
 * like an error. Paths, line numbers, ids, addresses, numbers and timestamps become placeholders,
 * so two runs of the same failure have the same signature. Null when the output names no error.
 */
export function errorSignature(output: string): string | null {
  const text = stripTimes(output.slice(0, 50_000));
  const known = errorSignatures(text);
  const message = known.find((s) => s.kind === 'message') ?? known[0];
  if (message) return message.signature.slice(0, MAX_SIGNATURE_LENGTH);
  const line = text.split('\n').find((l) => ERROR_LINE.test(l));
  if (!line) return null;
  const template = messageTemplate(line.trim());
  return template ? template.slice(0, MAX_SIGNATURE_LENGTH) : null;
}

/** The lines around the error, for a search query: at most `max` characters. */
export function errorExcerpt(output: string, max = 1500): string {
  const lines = output.split('\n').map((l) => l.trimEnd()).filter(Boolean);
  const at = lines.findIndex((l) => ERROR_MARKERS.test(l) || ERROR_LINE.test(l));
  const from = at < 0 ? Math.max(0, lines.length - 8) : Math.max(0, at - 1);
  return lines.slice(from, from + 10).join('\n').slice(0, max);
}

/**
 * What identifies "the same command" across attempts: the command without a leading `cd … &&`,
 * environment assignments, output plumbing (`2>&1`, `| tail …`, `| head …`) and extra spaces.
 */
export function commandKey(command: string): string {
  let c = command.trim().replace(/\s+/g, ' ');
  c = c.replace(/^(?:cd [^&;|]{1,500}(?:&&|;) ?)+/, '');
  c = c.replace(/^(?:[A-Z_][A-Z0-9_]{0,100}=[^\s]{0,500} )+/, '');
  c = c.replace(/ ?\| ?(?:tail|head|grep|less|cat|tee)(?: [^|]{0,200})?$/, '');
  c = c.replace(/ ?2>&1/g, '').replace(/ ?; ?echo [^;|&]{0,100}$/, '');
  return c.trim();
}

/** Commands that run tests: a broader run of the same runner covers a narrower one. */
const TEST_RUNNER = /(?:^|\s)(?:jest|vitest|mocha|pytest|rspec|phpunit|go test|cargo test|dotnet test|mvn test|mvn verify|(?:\.\/)?gradlew? test|(?:npm|yarn|pnpm|bun)(?: run)? test)(?:\s|$)/;

/**
 * Whether a passing run settles an earlier failure: the same command, or a test run whose
 * command is a prefix of the failing one (`npx jest` passing after `npx jest src/a.spec.ts` failed:
 * the failing test passes now).
 */
export function settles(passingKey: string, failingKey: string): boolean {
  return passingKey === failingKey || (TEST_RUNNER.test(passingKey) && failingKey.startsWith(`${passingKey} `));
}
