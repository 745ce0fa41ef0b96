import { EmbeddingUnavailableError } from '../providers/embedding-provider';
import { embedIsolated } from './embed-isolated';

/** A provider that refuses any batch holding a text that contains "poison". */
function refusing() {
  const calls: string[][] = [];
  const embed = async (texts: string[]) => {
    calls.push(texts);
    if (texts.some((t) => t.includes('poison'))) throw new Error('input refused');
    return texts.map((t) => [t.length]);
  };
  return { calls, embed };
}

describe('embedIsolated', () => {
  it('embeds a healthy batch in one call', async () => {
    const p = refusing();
    expect(await embedIsolated(['a', 'bb', 'ccc'], p.embed)).toEqual([{ vector: [1] }, { vector: [2] }, { vector: [3] }]);
    expect(p.calls).toHaveLength(1);
  });

  it('splits a failed batch until the failing text is alone, and embeds all the others', async () => {
    const p = refusing();
    const texts = ['a', 'bb', 'poison', 'dddd', 'eeeee', 'ffffff', 'g', 'hh'];
    const outcomes = await embedIsolated(texts, p.embed);
    expect(outcomes).toEqual(texts.map((t) => (t === 'poison' ? { error: 'input refused' } : { vector: [t.length] })));
    expect(p.calls.length).toBeLessThanOrEqual(2 * texts.length - 1);
  });

  it('isolates several failing texts', async () => {
    const p = refusing();
    const outcomes = await embedIsolated(['poison 1', 'ok', 'poison 2'], p.embed);
    expect(outcomes.map((o) => 'error' in o)).toEqual([true, false, true]);
  });

  it('does not split when the provider is unavailable: the error goes up', async () => {
    let calls = 0;
    const down = async () => {
      calls += 1;
      throw new EmbeddingUnavailableError('503 from the provider');
    };
    await expect(embedIsolated(['a', 'b', 'c', 'd'], down)).rejects.toBeInstanceOf(EmbeddingUnavailableError);
    expect(calls).toBe(1);
  });
});
