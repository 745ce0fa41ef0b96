import { createValidationPipe, DomainError } from '@commontrace/contracts';
import { UseCaseHarness } from '@commontrace/testing';
import { GatewayModule } from '../../gateway.module';
import { CreateApiKeyUseCase } from '../create-api-key/create-api-key.usecase';
import { SetAccountTierRequest, SetAccountTierUseCase } from './set-account-tier.usecase';

describe('SetAccountTierUseCase', () => {
  let h: UseCaseHarness;
  let setTier: SetAccountTierUseCase;
  let create: CreateApiKeyUseCase;

  beforeAll(async () => {
    h = await UseCaseHarness.start({ module: GatewayModule });
    setTier = h.get(SetAccountTierUseCase);
    create = h.get(CreateApiKeyUseCase);
  });

  afterAll(() => h.close());

  it("moves the account to the tier and answers the account as it is now; other accounts keep theirs", async () => {
    const { contributor_id: id } = await create.execute({});
    const { contributor_id: other } = await create.execute({});
    expect(await setTier.execute(id, { tier: 'pro' })).toMatchObject({ id, tier: 'pro', suspended: false });
    expect(await h.query(`SELECT id, tier FROM accounts WHERE id IN ($1, $2) ORDER BY id = $1 DESC`, [id, other])).toEqual([
      { id, tier: 'pro' },
      { id: other, tier: 'free' },
    ]);
    expect((await setTier.execute(id, { tier: 'free' })).tier).toBe('free');
  });

  it('answers 404 for an unknown account, and the pipe refuses a tier that is not configured (validation_failed on tier)', async () => {
    const refused = await setTier.execute('00000000-0000-4000-8000-000000000000', { tier: 'pro' }).catch((e: unknown) => e);
    expect((refused as DomainError).code).toBe('not_found');
    const pipe = createValidationPipe();
    for (const body of [{ tier: 'gold' }, {}, { tier: 3 }]) {
      const invalid = await pipe.transform(body, { type: 'body', metatype: SetAccountTierRequest }).catch((e: unknown) => e);
      expect(invalid).toBeInstanceOf(DomainError);
      expect((invalid as DomainError).code).toBe('validation_failed');
      expect((invalid as DomainError).extra.errors?.map((e) => e.field)).toEqual(['tier']);
    }
  });
});
