import { ConfigError, validateEnv } from './validate-env';

describe('validateEnv', () => {
  it('applies defaults and converts numbers', () => {
    const env = validateEnv({ PORT: '4100', BUS_TIMEOUT_MS: '2500' });
    expect(env.PORT).toBe(4100);
    expect(env.BUS_TIMEOUT_MS).toBe(2500);
    expect(env.LOG_LEVEL).toBe('info');
    expect(env.DATABASE_URL).toBeUndefined();
  });

  it('lists every invalid variable in one readable error', () => {
    let error: Error | undefined;
    try {
      validateEnv({ PORT: 'abc', DATABASE_URL: 'mysql://x', LOG_LEVEL: 'loud' });
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(ConfigError);
    expect(error?.message).toContain('PORT');
    expect(error?.message).toContain('DATABASE_URL must be a postgres:// URL');
    expect(error?.message).toContain('LOG_LEVEL');
  });

  it('fails when a required variable is missing', () => {
    expect(() => validateEnv({}, { require: ['NATS_URL'] })).toThrow(/NATS_URL: is required/);
    expect(validateEnv({ NATS_URL: 'nats://127.0.0.1:4222' }, { require: ['NATS_URL'] }).NATS_URL).toBe(
      'nats://127.0.0.1:4222',
    );
  });

  it('treats empty strings as unset', () => {
    expect(validateEnv({ DATABASE_URL: '' }).DATABASE_URL).toBeUndefined();
  });

  it('checks what each embedding provider needs', () => {
    expect(() => validateEnv({ EMBEDDING_PROVIDER: 'openai' })).toThrow(/OPENAI_API_KEY/);
    expect(validateEnv({ EMBEDDING_PROVIDER: 'openai', OPENAI_BASE_URL: 'http://127.0.0.1:8080/v1' }).EMBEDDING_PROVIDER).toBe('openai');
    expect(() => validateEnv({ EMBEDDING_PROVIDER: 'local' })).toThrow(/EMBEDDING_MODEL/);
    expect(() => validateEnv({ EMBEDDING_PROVIDER: 'cohere' })).toThrow(/EMBEDDING_PROVIDER/);
    expect(() => validateEnv({ EMBEDDING_DIMENSIONS: '4096' })).toThrow(/EMBEDDING_DIMENSIONS/);
  });

  it('reads CORS_ORIGINS as a list of origins, none by default', () => {
    expect(validateEnv({}).CORS_ORIGINS).toEqual([]);
    expect(validateEnv({ CORS_ORIGINS: '' }).CORS_ORIGINS).toEqual([]);
    expect(validateEnv({ CORS_ORIGINS: ' https://app.example.com, http://localhost:5173 ,' }).CORS_ORIGINS).toEqual([
      'https://app.example.com',
      'http://localhost:5173',
    ]);
    expect(validateEnv({ CORS_ORIGINS: 'http://[::1]:8080' }).CORS_ORIGINS).toEqual(['http://[::1]:8080']);
  });

  it.each(['*', 'app.example.com', 'https://app.example.com/', 'https://App.example.com', 'https://app.example.com/ui', 'https://app.example.com:443', 'ftp://files.example.com'])(
    'refuses %s in CORS_ORIGINS, naming it',
    (origin) => {
      expect(() => validateEnv({ CORS_ORIGINS: `https://ok.example.com,${origin}` })).toThrow(
        `CORS_ORIGINS: "${origin}" is not an origin`,
      );
    },
  );
});

describe('account and admin secrets', () => {
  it('takes a pepper of at least 32 characters and an admin token hash of 64 hex digits', () => {
    expect(validateEnv({}).API_KEY_PEPPER).toBeUndefined();
    expect(validateEnv({ API_KEY_PEPPER: 'p'.repeat(32) }).API_KEY_PEPPER).toBe('p'.repeat(32));
    expect(() => validateEnv({ API_KEY_PEPPER: 'short' })).toThrow(/API_KEY_PEPPER must be at least 32/);
    expect(validateEnv({ ADMIN_TOKEN_SHA256: 'A'.repeat(64) }).ADMIN_TOKEN_SHA256).toBe('A'.repeat(64));
    expect(() => validateEnv({ ADMIN_TOKEN_SHA256: 'not-a-hash' })).toThrow(/ADMIN_TOKEN_SHA256 must be 64 hex digits/);
  });
});
