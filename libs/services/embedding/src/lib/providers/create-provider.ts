import { HASHING_MODEL_ID } from '@commontrace/domain-embedding';
import { AppEnv } from '@commontrace/util-config';
import { EmbeddingProvider, ModelSpec } from './embedding-provider';
import { LocalOnnxEmbeddingProvider } from './local-onnx.provider';
import { OfflineHashingProvider } from './offline-hashing.provider';
import { OpenAiEmbeddingProvider } from './openai.provider';

export const DEFAULT_OPENAI_MODEL = 'text-embedding-3-small';

/** The model the configuration asks for. */
export function configuredSpec(env: AppEnv): ModelSpec {
  switch (env.EMBEDDING_PROVIDER) {
    case 'openai':
      return {
        provider: env.OPENAI_BASE_URL ? 'openai-compatible' : 'openai',
        providerModel: env.EMBEDDING_MODEL ?? DEFAULT_OPENAI_MODEL,
        dimensions: env.EMBEDDING_DIMENSIONS ?? null,
      };
    case 'local':
      return { provider: 'local', providerModel: env.EMBEDDING_MODEL as string };
    default:
      return { provider: 'offline', providerModel: HASHING_MODEL_ID };
  }
}

/** A provider for a model, configured with this process's credentials and limits. */
export function createProvider(spec: ModelSpec, env: AppEnv): EmbeddingProvider {
  switch (spec.provider) {
    case 'openai':
    case 'openai-compatible':
      return new OpenAiEmbeddingProvider(spec, {
        apiKey: env.OPENAI_API_KEY,
        baseURL: spec.provider === 'openai-compatible' ? env.OPENAI_BASE_URL : undefined,
        timeoutMs: env.EMBEDDING_TIMEOUT_MS,
        maxRetries: env.EMBEDDING_MAX_RETRIES,
        batchSize: env.EMBEDDING_BATCH_SIZE,
        breakerResetMs: env.EMBEDDING_BREAKER_RESET_MS,
      });
    case 'local':
      return new LocalOnnxEmbeddingProvider(spec, { modelPath: env.LOCAL_MODEL_PATH, batchSize: env.EMBEDDING_BATCH_SIZE });
    case 'offline':
      return new OfflineHashingProvider();
    default:
      throw new Error(`unknown embedding provider ${spec.provider}`);
  }
}
