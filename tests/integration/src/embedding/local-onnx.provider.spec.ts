import { LocalOnnxEmbeddingProvider } from '@commontrace/service-embedding';
import { cpSync, existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

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

  it('cuts a text to the model\'s token limit, even when the tokenizer declares none', async () => {
    // A copy of the fixture whose tokenizer has no model_max_length and whose model has 16 positions.
    const dir = mkdtempSync(join(tmpdir(), 'ct-local-model-'));
    try {
      cpSync(resolve(MODELS, MODEL), join(dir, MODEL), { recursive: true });
      const tokenizerConfig = JSON.parse(readFileSync(join(dir, MODEL, 'tokenizer_config.json'), 'utf8'));
      delete tokenizerConfig.model_max_length;
      writeFileSync(join(dir, MODEL, 'tokenizer_config.json'), JSON.stringify(tokenizerConfig));
      const config = JSON.parse(readFileSync(join(dir, MODEL, 'config.json'), 'utf8'));
      writeFileSync(join(dir, MODEL, 'config.json'), JSON.stringify({ ...config, max_position_embeddings: 16 }));

      const p = new LocalOnnxEmbeddingProvider({ provider: 'local', providerModel: MODEL }, { modelPath: dir, batchSize: 2 });
      expect(await p.maxTokens()).toBe(16);
      const start = 'docker compose network fails with address already in use on the bridge';
      const long = `${start} ${'rust borrow checker '.repeat(400)}`;
      const [cut, sameStart, whole] = await p.embed([long, `${long} python asyncio event loop`, start]);
      expect(cut).toEqual(sameStart); // everything past the limit is ignored
      expect(cut).not.toEqual(whole);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('embeds a text far over the fixture\'s 512 tokens', async () => {
    const p = provider();
    expect(await p.maxTokens()).toBe(512);
    const long = 'webpack build out of memory '.repeat(1000);
    const [a, b] = await p.embed([long, `${long} kubernetes pod crash loop`]);
    expect(a).toEqual(b);
  });
});
