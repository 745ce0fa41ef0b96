import { readConfig } from './config';

describe('readConfig', () => {
  it('defaults to stdio against the local gateway', () => {
    expect(readConfig({})).toMatchObject({ transport: 'stdio', apiUrl: 'http://localhost:3000', port: 3005, host: '127.0.0.1', timeoutMs: 10_000, retries: 1 });
  });

  it('picks HTTP from --http or MCP_TRANSPORT, and takes the key and the server from the environment', () => {
    expect(readConfig({}, ['--http']).transport).toBe('http');
    expect(readConfig({ MCP_TRANSPORT: 'http' }).transport).toBe('http');
    const c = readConfig({ COMMONTRACE_API_URL: 'https://ct.example/api/v1/', COMMONTRACE_API_KEY: 'ct_x', MCP_BREAKER_FAILURES: '3', MCP_BREAKER_RESET_MS: '500' });
    expect(c).toMatchObject({ apiUrl: 'https://ct.example', apiKey: 'ct_x', breaker: { volumeThreshold: 3, resetTimeoutMs: 500 } });
  });

  it.each([
    [{ MCP_TRANSPORT: 'sse' }, [], /MCP_TRANSPORT/],
    [{ COMMONTRACE_API_URL: 'ftp://x' }, [], /COMMONTRACE_API_URL/],
    [{ COMMONTRACE_API_URL: 'not a url' }, [], /COMMONTRACE_API_URL/],
    [{ PORT: '70000' }, [], /PORT/],
    [{ MCP_GATEWAY_TIMEOUT_MS: '1e3' }, [], /MCP_GATEWAY_TIMEOUT_MS/],
    [{}, ['--verbose'], /unknown argument/],
  ])('refuses a bad setting with a message naming it (%#)', (env, argv, message) => {
    expect(() => readConfig(env as Record<string, string>, argv as string[])).toThrow(message);
  });
});
