import { validateEnv } from '@commontrace/util-config';
import { configuredSpec, createProvider } from './create-provider';
import { modelId } from './embedding-provider';
import { LocalOnnxEmbeddingProvider } from './local-onnx.provider';
import { OfflineHashingProvider } from './offline-hashing.provider';
import { OpenAiEmbeddingProvider } from './openai.provider';

describe('choosing the embedding model from the configuration', () => {
  it('defaults to the offline model', () => {
    const env = validateEnv({});
    expect(configuredSpec(env)).toEqual({ provider: 'offline', providerModel: 'offline-hash-v1' });
    expect(createProvider(configuredSpec(env), env)).toBeInstanceOf(OfflineHashingProvider);
    expect(modelId(configuredSpec(env))).toBe('offline-hash-v1');
  });

  it('uses OpenAI with text-embedding-3-small, or a compatible server when a base URL is set', () => {
    const openai = validateEnv({ EMBEDDING_PROVIDER: 'openai', OPENAI_API_KEY: 'sk-test', EMBEDDING_DIMENSIONS: '512' });
    expect(modelId(configuredSpec(openai))).toBe('openai:text-embedding-3-small@512');
    expect(createProvider(configuredSpec(openai), openai)).toBeInstanceOf(OpenAiEmbeddingProvider);

    const compatible = validateEnv({ EMBEDDING_PROVIDER: 'openai', OPENAI_BASE_URL: 'http://127.0.0.1:9/v1', EMBEDDING_MODEL: 'bge-small' });
    expect(modelId(configuredSpec(compatible))).toBe('openai-compatible:bge-small');
  });

  it('uses a local model by its folder name', () => {
    const env = validateEnv({ EMBEDDING_PROVIDER: 'local', EMBEDDING_MODEL: 'all-MiniLM-L6-v2' });
    expect(modelId(configuredSpec(env))).toBe('local:all-MiniLM-L6-v2');
    expect(createProvider(configuredSpec(env), env)).toBeInstanceOf(LocalOnnxEmbeddingProvider);
  });

  it('refuses a provider it does not know', () => {
    expect(() => createProvider({ provider: 'cohere', providerModel: 'x' }, validateEnv({}))).toThrow(/unknown embedding provider/);
  });
});
