/**
 * Embeddings per second for each provider available on this machine:
 *   - offline (always),
 *   - local ONNX, when LOCAL_MODEL_PATH/EMBEDDING_MODEL (default ../shared/models/tiny-static-embedder) exists,
 *   - OpenAI or an OpenAI-compatible server, when OPENAI_API_KEY or OPENAI_BASE_URL is set.
 * Run: npm run bench:embeddings  (BENCH_TEXTS=2000 BENCH_BATCH=64 to change the load)
 */
import {
  EmbeddingProvider,
  LocalOnnxEmbeddingProvider,
  OfflineHashingProvider,
  OpenAiEmbeddingProvider,
} from '@commontrace/service-embedding';
import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';

const TEXTS = Number(process.env['BENCH_TEXTS'] ?? 2000);
const BATCH = Number(process.env['BENCH_BATCH'] ?? 64);

function corpus(n: number): string[] {
  const words = 'docker postgres connection refused npm install peer dependency react hook typescript generic kubernetes pod crashloop rust borrow checker lifetime python import error virtualenv git rebase conflict'.split(' ');
  return Array.from({ length: n }, (_, i) => {
    const pick = (k: number) => words[(i * 7 + k * 13) % words.length];
    return `Trace ${i}: ${pick(1)} ${pick(2)} fails with ${pick(3)} after upgrading ${pick(4)}. ${pick(5)} ${pick(6)} ${pick(7)} `.repeat(4);
  });
}

async function measure(name: string, provider: EmbeddingProvider): Promise<void> {
  const texts = corpus(TEXTS);
  await provider.embed(texts.slice(0, Math.min(BATCH, texts.length))); // warm-up: load the model, open connections
  const started = process.hrtime.bigint();
  const vectors = await provider.embed(texts);
  const seconds = Number(process.hrtime.bigint() - started) / 1e9;
  console.log(
    `${name.padEnd(34)} ${String(vectors.length).padStart(6)} texts  ${seconds.toFixed(2).padStart(7)} s  ` +
      `${(vectors.length / seconds).toFixed(0).padStart(8)} embeddings/s  (${vectors[0].length} dims)`,
  );
}

async function main(): Promise<void> {
  console.log(`embedding throughput, ${TEXTS} texts of ~${corpus(1)[0].length} characters, batches of ${BATCH}`);
  await measure('offline (offline-hash-v1)', new OfflineHashingProvider());

  const modelPath = resolve(process.env['LOCAL_MODEL_PATH'] ?? join(__dirname, '../../../shared/models'));
  const localModel = process.env['EMBEDDING_MODEL'] ?? 'tiny-static-embedder';
  if (existsSync(join(modelPath, localModel, 'config.json'))) {
    await measure(`local (${localModel})`, new LocalOnnxEmbeddingProvider({ provider: 'local', providerModel: localModel }, { modelPath, batchSize: BATCH }));
  } else {
    console.log(`local: skipped (no ${localModel} in ${modelPath})`);
  }

  if (process.env['OPENAI_API_KEY'] || process.env['OPENAI_BASE_URL']) {
    const model = process.env['EMBEDDING_MODEL_OPENAI'] ?? 'text-embedding-3-small';
    const provider = new OpenAiEmbeddingProvider(
      { provider: process.env['OPENAI_BASE_URL'] ? 'openai-compatible' : 'openai', providerModel: model },
      { apiKey: process.env['OPENAI_API_KEY'], baseURL: process.env['OPENAI_BASE_URL'], timeoutMs: 30_000, maxRetries: 4, batchSize: BATCH },
    );
    await measure(`${provider.spec.provider} (${model})`, provider);
  } else {
    console.log('openai: skipped (set OPENAI_API_KEY, or OPENAI_BASE_URL for a compatible server)');
  }
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
