import { Api } from './api';

/** Where the gateways under test are: replicas that trust no proxy, and one that trusts loopback (TRUST_PROXY=loopback). */
export interface RegistrationGateways {
  untrusted: string[];
  trusted: string;
}

/** The registration limit the gateways under test are started with (REGISTRATION_LIMITS): by the day, so that no minute boundary resets it mid-test. */
export const LOW_REGISTRATION_LIMITS = JSON.stringify({ minute: 1000, day: 3 });
const DAY_MS = 86_400_000;

const register = (url: string, forwardedFor?: string) =>
  new Api(url).call('POST', '/api/v1/keys', { name: 'registration-limit' }, forwardedFor ? { 'x-forwarded-for': forwardedFor } : {});

/** Runs the check again if it ran across a UTC midnight (the daily windows restart there). */
async function inOneDay(check: () => Promise<void>): Promise<void> {
  const day = Math.floor(Date.now() / DAY_MS);
  await check();
  if (Math.floor(Date.now() / DAY_MS) !== day) await check();
}

function expectRegistrationRefused(res: Awaited<ReturnType<typeof register>>): void {
  expect(res.status).toBe(429);
  expect(res.headers.get('content-type')).toContain('application/problem+json');
  expect(res.body).toMatchObject({
    code: 'rate_limited',
    detail: expect.stringContaining('Registration is limited to 3 new accounts per day'),
    limit: { class: 'registration', per: 'network', window: 'day', limit: 3 },
  });
  expect(res.headers.get('retry-after')).toBe(String(res.body.limit.reset_seconds));
  expect(res.headers.get('ratelimit-limit')).toBe('3');
  expect(res.headers.get('ratelimit-remaining')).toBe('0');
}

/**
 * POST /api/v1/keys is limited per client network (3 a day here), counted together by every
 * replica. Without a trusted proxy the peer's address counts, whatever X-Forwarded-For says;
 * with TRUST_PROXY the forwarded address does, by its network (IPv4 /24).
 */
export function registrationLimitScenarios(get: () => RegistrationGateways): void {
  it('counts the peer address across replicas and ignores a forged X-Forwarded-For when no proxy is trusted', async () => {
    await inOneDay(async () => {
      const { untrusted } = get();
      const forged = ['198.51.100.1', '203.0.113.1', '2001:db8::1', '192.0.2.1'];
      const answers = [];
      for (let i = 0; i < 3; i++) answers.push(await register(untrusted[i % untrusted.length], forged[i]));
      expect(answers.map((r) => r.status)).toEqual([201, 201, 201]);
      expect(answers.map((r) => r.headers.get('ratelimit-remaining'))).toEqual(['2', '1', '0']);
      expect(answers[0].headers.get('ratelimit-limit')).toBe('3');
      for (const url of untrusted) expectRegistrationRefused(await register(url, forged[3]));
      expectRegistrationRefused(await register(untrusted[0]));
      // Accounts registered before keep working: the limit is on registering only.
      expect((await new Api(untrusted[0], answers[0].body.api_key).call('GET', '/api/v1/keys/verify')).status).toBe(200);
    });
  });

  it('counts the forwarded address, by its network, behind a trusted proxy', async () => {
    await inOneDay(async () => {
      const { trusted } = get();
      for (const address of ['198.18.7.1', '198.18.7.2', '198.18.7.3']) expect((await register(trusted, address)).status).toBe(201);
      // The same /24 is the same network; the client's own hop is the last one a proxy appends.
      expectRegistrationRefused(await register(trusted, '198.18.7.200'));
      expectRegistrationRefused(await register(trusted, '10.9.9.9, 198.18.7.4'));
      const elsewhere = await register(trusted, '198.18.8.1');
      expect(elsewhere.status).toBe(201);
      expect(elsewhere.headers.get('ratelimit-remaining')).toBe('2');
    });
  });
}
