import { DomainError } from '@commontrace/contracts';
import { UseCaseHarness } from '@commontrace/testing';
import { GatewayModule } from '../../gateway.module';
import { RateLimiter } from '../../rate-limit/rate-limiter';
import { CreateApiKeyUseCase } from '../create-api-key/create-api-key.usecase';
import { GetAccountUsageUseCase } from './get-account-usage.usecase';

describe('GetAccountUsageUseCase', () => {
  let h: UseCaseHarness;
  let usage: GetAccountUsageUseCase;

  beforeAll(async () => {
    h = await UseCaseHarness.start({ module: GatewayModule, env: { RATE_LIMITS: '{"pro":{"write":{"minute":7}}}' } });
    usage = h.get(GetAccountUsageUseCase);
  });

  afterAll(() => h.close());

  it("answers the account's tier, limits and use, as the account sees them, and counts nothing", async () => {
    const { contributor_id: id } = await h.get(CreateApiKeyUseCase).execute({});
    await h.query(`UPDATE accounts SET tier = 'pro' WHERE id = $1`, [id]);
    const limiter = h.get(RateLimiter);
    await limiter.consume({ id, tier: 'pro' }, 'write');
    await limiter.consume({ id, tier: 'pro' }, 'write');
    const seen = await usage.execute(id);
    expect(seen).toEqual(await limiter.usage({ id, tier: 'pro' }));
    expect(seen.tier).toBe('pro');
    expect(seen.limits.write[0]).toMatchObject({ window: 'minute', limit: 7, used: 2 });
    expect((await usage.execute(id)).limits.read.map((s) => s.used)).toEqual([0, 0]);
  });

  it('answers 404 for an unknown account', async () => {
    const refused = await usage.execute('00000000-0000-4000-8000-000000000000').catch((e: unknown) => e);
    expect(refused).toBeInstanceOf(DomainError);
    expect((refused as DomainError).code).toBe('not_found');
  });
});
