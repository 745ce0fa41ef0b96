import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Api } from './support/api';
import { removeDir, Stack, startAllInOne } from './support/stack';

const ALLOWED = 'https://app.example.com';
const OTHER = 'https://evil.example.net';

// The gateway's HTTP configuration (the same function in both modes): helmet's security headers,
// the CORS allow-list from CORS_ORIGINS, and the OpenAPI document it serves.
describe('gateway HTTP hardening (all-in-one, CORS_ORIGINS set)', () => {
  let stack: Stack & { dataDir: string };
  let api: Api;

  beforeAll(async () => {
    stack = await startAllInOne(undefined, 0, { CORS_ORIGINS: `http://localhost:5173,${ALLOWED}` });
    api = new Api(stack.baseUrl);
    await api.register('cors-agent');
  });
  afterAll(async () => {
    await stack?.stop();
    if (stack?.dataDir) removeDir(stack.dataDir);
  });

  it('sends security headers on API, health and docs responses', async () => {
    for (const path of ['/api/v1/tags', '/health/live', '/docs-json']) {
      const res = await api.call('GET', path);
      expect(res.status).toBe(200);
      expect(res.headers.get('x-content-type-options')).toBe('nosniff');
      expect(res.headers.get('x-frame-options')).toBe('SAMEORIGIN');
      expect(res.headers.get('strict-transport-security')).toMatch(/max-age=\d+/);
      expect(res.headers.get('referrer-policy')).toBe('no-referrer');
      expect(res.headers.get('content-security-policy')).toContain("default-src 'self'");
      expect(res.headers.get('x-powered-by')).toBeNull();
    }
  });

  it('keeps the Swagger UI loadable under its content security policy', async () => {
    const page = await api.call('GET', '/docs');
    expect(page.status).toBe(200);
    const csp = page.headers.get('content-security-policy') ?? '';
    expect(csp).toContain("script-src 'self'");
    expect(csp).toContain("style-src 'self' https: 'unsafe-inline'");
    expect(csp).not.toContain('upgrade-insecure-requests');
    // Every script the page loads is a same-origin file that the gateway serves (no inline script).
    const scripts = [...page.text.matchAll(/<script\b([^>]*)>([^<]*)<\/script>/g)];
    expect(scripts.length).toBeGreaterThan(0);
    for (const [, attributes, body] of scripts) {
      expect(body.trim()).toBe('');
      const src = /src="([^"]+)"/.exec(attributes)?.[1];
      expect(src).toBeDefined();
      expect(src).not.toMatch(/^(https?:)?\/\//);
      // Resolved as the browser does, against the page's own URL.
      const file = await api.call('GET', new URL(src as string, `${stack.baseUrl}/docs`).pathname);
      expect(file.status).toBe(200);
    }
    const init = await api.call('GET', '/docs/swagger-ui-init.js');
    expect(init.text).toContain('"validatorUrl": null');
  });

  it('serves at /docs-json the document committed as docs/openapi.json', async () => {
    const served = await api.call('GET', '/docs-json');
    const committed = JSON.parse(readFileSync(join(__dirname, '..', '..', '..', 'docs', 'openapi.json'), 'utf8'));
    expect(served.body).toEqual(committed);
  });

  it('lets an allowed origin read responses, and names the headers it may read', async () => {
    const res = await api.call('GET', '/api/v1/tags', undefined, { origin: ALLOWED });
    expect(res.status).toBe(200);
    expect(res.headers.get('access-control-allow-origin')).toBe(ALLOWED);
    expect(res.headers.get('access-control-allow-credentials')).toBeNull();
    expect(res.headers.get('vary')).toMatch(/origin/i);
    expect(res.headers.get('access-control-expose-headers')).toContain('X-Request-Id');
  });

  it('answers an allowed origin\'s preflight for a write with the API key header', async () => {
    const res = await api.call('OPTIONS', '/api/v1/traces', undefined, {
      origin: ALLOWED,
      'access-control-request-method': 'POST',
      'access-control-request-headers': 'content-type,x-api-key,idempotency-key',
    });
    expect(res.status).toBe(204);
    expect(res.headers.get('access-control-allow-origin')).toBe(ALLOWED);
    expect(res.headers.get('access-control-allow-methods')).toContain('POST');
    expect(res.headers.get('access-control-allow-headers')).toBe('content-type,x-api-key,idempotency-key');
    expect(res.headers.get('access-control-max-age')).toBe('600');
  });

  it('gives a disallowed origin no CORS headers, on requests and on preflights', async () => {
    const read = await api.call('GET', '/api/v1/tags', undefined, { origin: OTHER });
    expect(read.status).toBe(200);
    expect(read.headers.get('access-control-allow-origin')).toBeNull();
    const preflight = await api.call('OPTIONS', '/api/v1/traces', undefined, {
      origin: OTHER,
      'access-control-request-method': 'POST',
      'access-control-request-headers': 'content-type,x-api-key',
    });
    expect(preflight.headers.get('access-control-allow-origin')).toBeNull();
    expect(preflight.headers.get('access-control-allow-methods')).toBeNull();
    expect(preflight.headers.get('access-control-allow-headers')).toBeNull();
  });
});
