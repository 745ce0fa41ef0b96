/** A source of vectors. Each vector is stored with the provider and model id it came from. */
export abstract class EmbeddingProvider {
  abstract readonly provider: string;
  abstract readonly model: string;
  abstract readonly dimensions: number;
  abstract embed(texts: string[]): Promise<number[][]>;
}
