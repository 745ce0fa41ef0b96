import { chunk } from '@commontrace/domain-embedding';
import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { EmbeddingProvider, EmbeddingUnavailableError, ModelSpec } from './embedding-provider';
import { localTokenLimit } from './truncation';

interface Tensor {
  normalize(p: number, dim: number): Tensor;
  tolist(): number[][];
}
interface LoadedModel {
  tokenizer: ((texts: string[], options: { padding: boolean; truncation: boolean; max_length: number }) => Record<string, Tensor>) & {
    model_max_length?: number;
  };
  model: ((inputs: Record<string, Tensor>) => Promise<{ last_hidden_state: Tensor }>) & { config: { max_position_embeddings?: number } };
  meanPooling(hidden: Tensor, mask: Tensor): Tensor;
  maxTokens: number;
}

/**
 * A sentence model in ONNX format on local disk, run by transformers.js: never downloads
 * anything (remote models are off). Each text is cut to the model's token limit (the smaller
 * of the tokenizer's `model_max_length` and the model's `max_position_embeddings`), then mean
 * pooling over the tokens and L2 normalization.
 */
export class LocalOnnxEmbeddingProvider extends EmbeddingProvider {
  private loaded?: Promise<LoadedModel>;

  constructor(
    readonly spec: ModelSpec,
    private readonly options: { modelPath: string; batchSize: number },
  ) {
    super();
  }

  /** The most tokens of a text the model sees. */
  async maxTokens(): Promise<number> {
    return (await this.load()).maxTokens;
  }

  async embed(texts: string[]): Promise<number[][]> {
    const m = await this.load();
    const out: number[][] = [];
    for (const batch of chunk(texts, this.options.batchSize)) {
      const inputs = m.tokenizer(batch, { padding: true, truncation: true, max_length: m.maxTokens });
      const { last_hidden_state } = await m.model(inputs);
      out.push(...m.meanPooling(last_hidden_state, inputs['attention_mask']).normalize(2, -1).tolist());
    }
    return out;
  }

  private load(): Promise<LoadedModel> {
    this.loaded ??= (async () => {
      const root = resolve(this.options.modelPath);
      if (!existsSync(join(root, this.spec.providerModel, 'config.json'))) {
        throw new EmbeddingUnavailableError(`no model ${this.spec.providerModel} in ${root} (LOCAL_MODEL_PATH)`);
      }
      const transformers = await import('@huggingface/transformers');
      transformers.env.localModelPath = root;
      transformers.env.allowRemoteModels = false;
      transformers.env.allowLocalModels = true;
      const pipe = (await transformers.pipeline('feature-extraction', this.spec.providerModel, { dtype: 'fp32' })) as unknown as LoadedModel;
      return {
        tokenizer: pipe.tokenizer,
        model: pipe.model,
        meanPooling: transformers.mean_pooling as unknown as LoadedModel['meanPooling'],
        maxTokens: localTokenLimit(pipe.model.config, pipe.tokenizer.model_max_length),
      };
    })();
    this.loaded.catch(() => (this.loaded = undefined));
    return this.loaded;
  }
}
