import { createContext, runInContext } from 'node:vm';
import { errorSignatures, signatureLookups } from './error-signatures';

/**
 * Runs `work` and interrupts it after a generous deadline: a backtracking regular expression
 * blocks the thread, which a Jest timeout cannot interrupt and a vm script's timeout can. The
 * deadline is no speed target; a quadratic pattern over these texts takes minutes.
 */
function finishes<T>(work: () => T): T {
  const context = createContext({ work, result: undefined as T | undefined });
  runInContext('result = work()', context, { timeout: 20_000 });
  return context.result as T;
}

const SIZE = 50_000;
const fill = (unit: string) => unit.repeat(Math.ceil(SIZE / unit.length)).slice(0, SIZE);

/** Texts built against each pattern: long runs of what the pattern repeats, without what ends it. */
const ATTACKS: Record<string, string> = {
  'one long name': fill('a'),
  'dotted names': fill('a.'),
  'colon-separated names': fill('a::'),
  'namespaces': fill('A\\'),
  'names before a colon without space': fill('TypeError:'),
  'exception names': fill('TypeError: '),
  'levels': fill('error: '),
  'levels with codes': fill('error[E0502]'),
  'paths': fill('/a'),
  'relative paths': fill('a/'),
  'path characters': fill('a.@+-'),
  'urls without end': fill('http://'),
  'schemes': fill('a+b.c-'),
  'quotes': fill("'a"),
  'double quotes': fill('"a'),
  'backticks': fill('`a'),
  'e-mail local parts': fill('a.b+c'),
  'e-mail domains': fill('a@b.'),
  'numbers': fill('1.'),
  'number groups': fill('1,1_'),
  'ip addresses': fill('1.1.1.'),
  'host and port': fill('a.b-'),
  'hex': fill('0xa'),
  'ipv6': fill('[::'),
  'codes': fill('ERR_A'),
  'errno-like': fill('EAAAA'),
  'sqlstate': fill('SQLSTATE '),
  'ruby suffix': fill('a (A'),
  'rust panic': fill("panicked at '"),
  'one line per character': fill('x\n'),
  'short error lines': fill('E: x\n'),
};

describe('every pattern finishes on 50,000-character attack texts', () => {
  it.each(Object.entries(ATTACKS))('%s', (_name, text) => {
    const found = finishes(() => errorSignatures(text));
    expect(found.length).toBeLessThanOrEqual(20);
    finishes(() => signatureLookups(text.slice(0, 2000)));
  });
});
