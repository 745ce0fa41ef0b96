import { Logger } from '@nestjs/common';
import { backoffDelayMs, chunk, isRetryableStatus, retryAfterMs } from '@commontrace/domain-embedding';
import OpenAI from 'openai';
import CircuitBreaker from 'opossum';
import { EmbeddingProvider, EmbeddingUnavailableError, ModelSpec } from './embedding-provider';
import { OPENAI_MAX_INPUT_TOKENS, truncateUtf8Bytes } from './truncation';

export interface OpenAiProviderOptions {
  apiKey?: string;
  baseURL?: string;
  timeoutMs: number;
  maxRetries: number;
  batchSize: number;
  /** Circuit breaker: open after this share of failed batches in the rolling window … */
  breakerErrorPercentage?: number;
  /** … once at least this many batches were tried … */
  breakerVolume?: number;
  /** … and try one batch again after this long. */
  breakerResetMs?: number;
  /** Scales the back-off delays (tests make them short). */
  backoffBaseMs?: number;
}

function statusOf(error: unknown): number | undefined {
  return error instanceof OpenAI.APIError ? error.status : undefined;
}

/** Statuses by which a server refuses the input itself (too long, malformed): the texts are at fault. */
const INPUT_REFUSED = new Set([400, 413, 422]);

/**
 * The OpenAI embeddings API, or any server that speaks it (OPENAI_BASE_URL): batched requests,
 * a timeout per request, retries with exponential back-off and jitter on 429, 5xx and network
 * errors (honouring Retry-After), and a circuit breaker that stops calling a failing server
 * for a while instead of piling up requests on it. Each input is cut to 8191 bytes of UTF-8,
 * which is never more than OpenAI's limit of 8191 tokens (a token is at least one byte); an
 * OpenAI-compatible server gets the same cut, and must itself truncate if its model takes less.
 */
export class OpenAiEmbeddingProvider extends EmbeddingProvider {
  private readonly logger = new Logger('OpenAiEmbeddings');
  private readonly client: OpenAI;
  private readonly breaker: CircuitBreaker<[string[]], number[][]>;

  constructor(
    readonly spec: ModelSpec,
    private readonly options: OpenAiProviderOptions,
  ) {
    super();
    this.client = new OpenAI({
      apiKey: options.apiKey ?? 'not-needed',
      baseURL: options.baseURL,
      timeout: options.timeoutMs,
      maxRetries: 0,
    });
    this.breaker = new CircuitBreaker((batch: string[]) => this.requestWithRetries(batch), {
      timeout: false,
      errorThresholdPercentage: options.breakerErrorPercentage ?? 50,
      volumeThreshold: options.breakerVolume ?? 3,
      resetTimeout: options.breakerResetMs ?? 30_000,
      // A request the server refused as invalid says nothing about the server's health.
      errorFilter: (error: unknown) => !isRetryableStatus(statusOf(error)),
    });
    this.breaker.on('open', () => this.logger.warn(`circuit open for ${this.model}: calls fail fast for a while`));
    this.breaker.on('close', () => this.logger.log(`circuit closed for ${this.model}`));
  }

  get circuitOpen(): boolean {
    return this.breaker.opened;
  }

  async embed(texts: string[]): Promise<number[][]> {
    const out: number[][] = [];
    const inputs = texts.map((t) => truncateUtf8Bytes(t, OPENAI_MAX_INPUT_TOKENS));
    for (const batch of chunk(inputs, this.options.batchSize)) {
      try {
        out.push(...(await this.breaker.fire(batch)));
      } catch (error) {
        if (INPUT_REFUSED.has(statusOf(error) ?? 0)) throw error;
        throw new EmbeddingUnavailableError((error as Error).message, { cause: error });
      }
    }
    return out;
  }

  private async requestWithRetries(batch: string[]): Promise<number[][]> {
    for (let attempt = 0; ; attempt++) {
      try {
        const response = await this.client.embeddings.create({
          model: this.spec.providerModel,
          input: batch,
          encoding_format: 'float',
          ...(this.spec.dimensions ? { dimensions: this.spec.dimensions } : {}),
        });
        return [...response.data].sort((a, b) => a.index - b.index).map((d) => d.embedding);
      } catch (error) {
        const status = statusOf(error);
        if (!isRetryableStatus(status) || attempt >= this.options.maxRetries) throw error;
        const asked = error instanceof OpenAI.APIError ? retryAfterMs(error.headers?.get('retry-after')) : undefined;
        const delay = asked ?? backoffDelayMs(attempt, this.options.backoffBaseMs ?? 500);
        this.logger.warn(`embeddings request failed (${status ?? 'network'}); retry ${attempt + 1} in ${delay} ms`);
        await new Promise((r) => setTimeout(r, delay));
      }
    }
  }
}
