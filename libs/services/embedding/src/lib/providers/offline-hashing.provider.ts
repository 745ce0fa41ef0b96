import { HASHING_DIMENSIONS, HASHING_MODEL_ID, hashingEmbed } from '@commontrace/domain-embedding';
import { EmbeddingProvider } from './embedding-provider';

/** The default: lexical feature hashing, no model, no network (see libs/domain/embedding). */
export class OfflineHashingProvider extends EmbeddingProvider {
  readonly provider = 'offline';
  readonly model = HASHING_MODEL_ID;
  readonly dimensions = HASHING_DIMENSIONS;

  async embed(texts: string[]): Promise<number[][]> {
    return texts.map((t) => hashingEmbed(t, this.dimensions));
  }
}
