import { createHash } from 'node:crypto';
import { hashApiKey } from '@commontrace/service-gateway';
import { Api } from './api';
import { E2E_API_KEY_PEPPER, Stack } from './stack';

/**
 * The test stacks run with API_KEY_PEPPER. New keys are stored as HMAC-SHA256 with it; a key
 * stored before the pepper was turned on (plain SHA-256) still works, and is rehashed with the
 * pepper on its first successful use.
 */
export function keyPepperScenarios(getStack: () => Stack): void {
  const register = async (name: string) => {
    const res = await new Api(getStack().baseUrl).call('POST', '/api/v1/keys', { name });
    if (res.status !== 201) throw new Error(`register: ${res.status} ${res.text}`);
    return { api: new Api(getStack().baseUrl, res.body.api_key), apiKey: res.body.api_key as string, keyId: res.body.key_id as string };
  };
  const storedHash = async (keyId: string) =>
    (await getStack().query<{ key_hash: string; key_hash_scheme: string }>(`SELECT key_hash, key_hash_scheme FROM api_keys WHERE id = $1`, [keyId]))[0];

  it('stores new keys as HMAC-SHA256 with the pepper', async () => {
    const { apiKey, keyId } = await register('peppered');
    expect(await storedHash(keyId)).toEqual({ key_hash: hashApiKey(apiKey, E2E_API_KEY_PEPPER), key_hash_scheme: 'hmac-sha256' });
  });

  it('keeps a key stored before the pepper working, and rehashes it with the pepper on its first use', async () => {
    const { api, apiKey, keyId } = await register('from-before-the-pepper');
    const legacy = createHash('sha256').update(apiKey).digest('hex');
    await getStack().query(`UPDATE api_keys SET key_hash = $1, key_hash_scheme = 'sha256' WHERE id = $2`, [legacy, keyId]);
    expect((await api.call('GET', '/api/v1/keys/verify')).status).toBe(200);
    expect(await storedHash(keyId)).toEqual({ key_hash: hashApiKey(apiKey, E2E_API_KEY_PEPPER), key_hash_scheme: 'hmac-sha256' });
    expect((await api.call('GET', '/api/v1/keys/verify')).status).toBe(200);
    // A row that claims the pepper's scheme but holds the plain hash matches nothing.
    await getStack().query(`UPDATE api_keys SET key_hash = $1 WHERE id = $2`, [legacy, keyId]);
    expect((await api.call('GET', '/api/v1/keys/verify')).status).toBe(401);
  });
}
