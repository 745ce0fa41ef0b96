import { DomainError } from '@commontrace/contracts';
import { UseCaseHarness } from '@commontrace/testing';
import { GatewayModule } from '../../gateway.module';
import { CreateApiKeyUseCase } from '../create-api-key/create-api-key.usecase';
import { RevokeApiKeyUseCase } from './revoke-api-key.usecase';

describe('RevokeApiKeyUseCase', () => {
  let h: UseCaseHarness;
  let revoke: RevokeApiKeyUseCase;
  const register = async () => {
    const reg = await h.get(CreateApiKeyUseCase).execute({});
    return { id: reg.contributor_id, keyId: reg.key_id };
  };
  const revokedAt = async (keyId: string) => (await h.query<{ revoked_at: Date | null }>(`SELECT revoked_at FROM api_keys WHERE id = $1`, [keyId]))[0].revoked_at;

  beforeAll(async () => {
    h = await UseCaseHarness.start({ module: GatewayModule });
    revoke = h.get(RevokeApiKeyUseCase);
  });

  afterAll(() => h.close());

  it("revokes one of the account's keys, and revoking it again leaves it as it was", async () => {
    const account = await register();
    const first = await revoke.execute(account, account.keyId);
    expect(first).toMatchObject({ id: account.keyId, current: true, revoked_at: expect.any(String) });
    expect((await revokedAt(account.keyId))?.toISOString()).toBe(first.revoked_at);
    expect(await revoke.execute(account, account.keyId)).toEqual(first);
  });

  it("answers 404 for another account's key and leaves that key unrevoked", async () => {
    const owner = await register();
    const stranger = await register();
    const refused = await revoke.execute(stranger, owner.keyId).then(() => undefined, (e: unknown) => e);
    expect(refused).toBeInstanceOf(DomainError);
    expect(refused).toMatchObject({ code: 'not_found', status: 404 });
    expect(await revokedAt(owner.keyId)).toBeNull();
    expect(await revokedAt(stranger.keyId)).toBeNull();
  });

  it('answers 404 for an id that is no UUID or no key, before or without any change', async () => {
    const account = await register();
    for (const id of ['not-a-uuid', "1' OR '1'='1", '00000000-0000-4000-8000-000000000000']) {
      await expect(revoke.execute(account, id)).rejects.toMatchObject({ code: 'not_found' });
    }
    expect(await revokedAt(account.keyId)).toBeNull();
  });
});
