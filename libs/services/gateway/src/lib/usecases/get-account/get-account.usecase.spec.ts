import { DomainError } from '@commontrace/contracts';
import { UseCaseHarness } from '@commontrace/testing';
import { GatewayModule } from '../../gateway.module';
import { CreateApiKeyUseCase } from '../create-api-key/create-api-key.usecase';
import { GetAccountUseCase } from './get-account.usecase';

describe('GetAccountUseCase', () => {
  let h: UseCaseHarness;
  let get: GetAccountUseCase;
  let create: CreateApiKeyUseCase;

  beforeAll(async () => {
    h = await UseCaseHarness.start({ module: GatewayModule });
    get = h.get(GetAccountUseCase);
    create = h.get(CreateApiKeyUseCase);
  });

  afterAll(() => h.close());

  it('reads tier, suspension, creation and key counts, revoked and expired keys counted apart', async () => {
    const { contributor_id: id, key_id } = await create.execute({ name: 'admin-read' });
    await h.query(`INSERT INTO api_keys (account_id, key_hash, prefix, revoked_at) VALUES ($1, $2, 'ct_revoked', now())`, [id, 'a'.repeat(64)]);
    await h.query(`INSERT INTO api_keys (account_id, key_hash, prefix, expires_at) VALUES ($1, $2, 'ct_expired', now() - interval '1 minute')`, [
      id,
      'b'.repeat(64),
    ]);
    const account = await get.execute(id);
    expect(account).toEqual({
      id,
      name: 'admin-read',
      tier: 'free',
      suspended: false,
      suspended_at: null,
      suspended_reason: null,
      created_at: expect.stringMatching(/^\d{4}-\d\d-\d\dT/),
      key_count: 3,
      usable_key_count: 1,
    });
    expect(JSON.stringify(account)).not.toContain(key_id);
  });

  it('answers 404 for an unknown account and for an id that is not one', async () => {
    for (const id of ['00000000-0000-4000-8000-000000000000', 'not-an-id']) {
      const refused = await get.execute(id).catch((e: unknown) => e);
      expect(refused).toBeInstanceOf(DomainError);
      expect((refused as DomainError).toBody()).toEqual({ code: 'not_found', message: 'No such account' });
    }
  });
});
