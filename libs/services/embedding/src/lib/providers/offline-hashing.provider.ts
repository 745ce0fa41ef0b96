import { HASHING_MODEL_ID, offlineVector } from '@commontrace/domain-embedding';
import { EmbeddingProvider, ModelSpec } from './embedding-provider';

/** The default: lexical feature hashing, no model, no network (see libs/domain/embedding). */
export class OfflineHashingProvider extends EmbeddingProvider {
  readonly spec: ModelSpec = { provider: 'offline', providerModel: HASHING_MODEL_ID };

  async embed(texts: string[]): Promise<number[][]> {
    return texts.map(offlineVector);
  }
}
