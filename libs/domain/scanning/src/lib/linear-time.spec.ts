import { runInContext, createContext } from 'node:vm';
import { attackTexts } from './attack-texts';
import { DETECTOR_PATTERNS, detectSecrets } from './detectors';
import { PII_KINDS, redactPii } from './pii';
import { scanForSecrets } from './secret-scanner';
import { isPlaceholder, looksLikeAssignedSecret } from './secret-values';

/**
 * Runs `work` and interrupts it if it is still running after a generous deadline. A regular
 * expression that backtracks blocks the thread, which a Jest timeout cannot interrupt; a vm
 * script's timeout can. Each call covers one pattern (or function) over all the attack texts,
 * which takes milliseconds when the patterns are linear: the 20 s deadline is no speed target
 * (those are in `npm run bench:scan`), but the quadratic e-mail pattern of before spent about 5 s
 * on each of several texts, and the backtracking secret assignment never finished one.
 */
function finishes<T>(work: () => T): T {
  const context = createContext({ work, result: undefined as T | undefined });
  runInContext('result = work()', context, { timeout: 20_000 });
  return context.result as T;
}

const ATTACKS = attackTexts(50_000);
const overAll = (run: (text: string) => unknown) => () => ATTACKS.map((a) => run(a.text));

describe('every pattern of the scanner finishes on 50,000-character attack texts', () => {
  it('has attack texts against every detector and every redaction rule, each 50,000 characters long', () => {
    const targeted = new Set(ATTACKS.map((a) => a.target));
    expect(DETECTOR_PATTERNS.map((d) => d.kind).filter((k) => !targeted.has(k))).toEqual([]);
    expect(PII_KINDS.filter((k) => !targeted.has(k))).toEqual([]);
    expect(ATTACKS.filter((a) => a.text.length !== 50_000).map((a) => a.name)).toEqual([]);
  });

  it.each(DETECTOR_PATTERNS.map((d, i) => [`${i} ${d.kind}`, d.pattern] as const))('detector %s', (_name, pattern) => {
    const global = new RegExp(pattern.source, pattern.flags.includes('g') ? pattern.flags : pattern.flags + 'g');
    finishes(overAll((text) => [...text.matchAll(global)].length));
  });

  it('all detectors together, with the checks on the values they match', () => {
    finishes(overAll(detectSecrets));
    finishes(overAll((text) => isPlaceholder(text) || looksLikeAssignedSecret(text)));
  });

  it('the known offender: token- repeated as context_text', () => {
    expect(finishes(() => detectSecrets('token-'.repeat(1500)))).toEqual([]);
    expect(finishes(() => detectSecrets('token-'.repeat(8334)))).toEqual([]);
  });

  it('redaction', () => {
    finishes(overAll(redactPii));
    // a@a.a chains joined read as addresses with the domain "a.aa": they are still found.
    const { text, redactions } = finishes(() => redactPii('a@a.a'.repeat(10_000)));
    expect(text.startsWith('[email]@[email]')).toBe(true);
    expect(redactions.map((r) => r.kind)).toEqual(['email']);
  });

  it('the whole scanner, secretlint included', async () => {
    for (const attack of ATTACKS) await scanForSecrets({ [attack.name]: attack.text });
  }, 120_000);
});
