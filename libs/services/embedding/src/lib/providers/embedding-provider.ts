/** How the registry and the stored vectors name a model. */
export interface ModelSpec {
  /** offline | openai | openai-compatible | local */
  provider: string;
  /** The name the provider knows the model by. */
  providerModel: string;
  /** Dimensions asked of the model, when it can be asked (OpenAI text-embedding-3). */
  dimensions?: number | null;
}

/** A source of vectors. Every vector is stored under `model`, and only compared with vectors of the same model. */
export abstract class EmbeddingProvider {
  abstract readonly spec: ModelSpec;

  /** The id stored with each vector: the model and, when asked for, its dimensions. */
  get model(): string {
    return modelId(this.spec);
  }

  /**
   * One vector per text, in order, unit length. Each text is first cut to the model's input
   * limit. Throws EmbeddingUnavailableError when the provider cannot answer now (the texts are
   * not at fault); any other error may be caused by one of the texts.
   */
  abstract embed(texts: string[]): Promise<number[][]>;
}

/** The provider cannot answer now (down, overloaded, circuit open, misconfigured): retry later; the texts are not at fault. */
export class EmbeddingUnavailableError extends Error {
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'EmbeddingUnavailableError';
  }
}

export function modelId(spec: ModelSpec): string {
  const base = spec.provider === 'offline' ? spec.providerModel : `${spec.provider}:${spec.providerModel}`;
  return spec.dimensions ? `${base}@${spec.dimensions}` : base;
}
