import { chunk } from '@commontrace/domain-embedding';
import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { EmbeddingProvider, ModelSpec } from './embedding-provider';

type Extractor = (texts: string[], options: { pooling: 'mean'; normalize: boolean }) => Promise<{ tolist(): number[][] }>;

/**
 * A sentence model in ONNX format on local disk, run by transformers.js: never downloads
 * anything (remote models are off). Mean pooling over the tokens, then L2 normalization.
 */
export class LocalOnnxEmbeddingProvider extends EmbeddingProvider {
  private extractor?: Promise<Extractor>;

  constructor(
    readonly spec: ModelSpec,
    private readonly options: { modelPath: string; batchSize: number },
  ) {
    super();
  }

  async embed(texts: string[]): Promise<number[][]> {
    const extract = await this.load();
    const out: number[][] = [];
    for (const batch of chunk(texts, this.options.batchSize)) {
      out.push(...(await extract(batch, { pooling: 'mean', normalize: true })).tolist());
    }
    return out;
  }

  private load(): Promise<Extractor> {
    this.extractor ??= (async () => {
      const root = resolve(this.options.modelPath);
      if (!existsSync(join(root, this.spec.providerModel, 'config.json'))) {
        throw new Error(`no model ${this.spec.providerModel} in ${root} (LOCAL_MODEL_PATH)`);
      }
      const transformers = await import('@huggingface/transformers');
      transformers.env.localModelPath = root;
      transformers.env.allowRemoteModels = false;
      transformers.env.allowLocalModels = true;
      return (await transformers.pipeline('feature-extraction', this.spec.providerModel, { dtype: 'fp32' })) as unknown as Extractor;
    })();
    this.extractor.catch(() => (this.extractor = undefined));
    return this.extractor;
  }
}
