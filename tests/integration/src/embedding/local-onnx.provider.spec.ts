import { LocalOnnxEmbeddingProvider } from '@commontrace/service-embedding';
import { existsSync } from 'node:fs';
import { resolve } from 'node:path';

// The shared test fixture: a tiny BERT-shaped ONNX model with seeded word vectors (no semantics).
const MODELS = resolve(__dirname, '../../../../../shared/models');
const MODEL = 'tiny-static-embedder';
const available = existsSync(resolve(MODELS, MODEL, 'onnx/model.onnx'));

if (!available) {
  console.warn(`local ONNX provider spec skipped: no ${MODEL} model in ${MODELS}`);
}

(available ? describe : describe.skip)('local ONNX provider (transformers.js, from disk only)', () => {
  const provider = (batchSize = 2) =>
    new LocalOnnxEmbeddingProvider({ provider: 'local', providerModel: MODEL }, { modelPath: MODELS, batchSize });

  it('loads the model from disk and returns mean-pooled, unit-length vectors', async () => {
    const p = provider();
    const [a, b, c] = await p.embed(['docker compose network', 'rust borrow checker', 'docker compose network']);
    expect(a).toHaveLength(32);
    expect(Math.hypot(...a)).toBeCloseTo(1, 5);
    expect(c).toEqual(a);
    expect(b).not.toEqual(a);
    expect(p.model).toBe('local:tiny-static-embedder');
  });

  it('gives the same vectors whatever the batch size', async () => {
    const texts = ['one text', 'another text here', 'a third', 'four', 'five five five'];
    const batched = await provider(2).embed(texts);
    const whole = await provider(16).embed(texts);
    batched.forEach((v, i) => v.forEach((x, j) => expect(x).toBeCloseTo(whole[i][j], 5)));
  });

  it('fails clearly when the model is not on disk, and never downloads it', async () => {
    const p = new LocalOnnxEmbeddingProvider({ provider: 'local', providerModel: 'no-such-model' }, { modelPath: MODELS, batchSize: 2 });
    await expect(p.embed(['x'])).rejects.toThrow(/no model no-such-model/);
  });
});
