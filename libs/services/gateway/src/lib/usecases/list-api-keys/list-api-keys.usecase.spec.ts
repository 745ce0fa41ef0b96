import { UseCaseHarness } from '@commontrace/testing';
import { GatewayModule } from '../../gateway.module';
import { CreateApiKeyUseCase } from '../create-api-key/create-api-key.usecase';
import { IssueApiKeyUseCase } from '../issue-api-key/issue-api-key.usecase';
import { ListApiKeysUseCase } from './list-api-keys.usecase';

describe('ListApiKeysUseCase', () => {
  let h: UseCaseHarness;

  beforeAll(async () => {
    h = await UseCaseHarness.start({ module: GatewayModule });
  });

  afterAll(() => h.close());

  it("lists the account's keys newest first, revoked ones included, without the key or its hash, and no other account's", async () => {
    const reg = await h.get(CreateApiKeyUseCase).execute({});
    const other = await h.get(CreateApiKeyUseCase).execute({});
    const account = { id: reg.contributor_id, keyId: reg.key_id, scopes: ['read', 'write', 'vote'] as const };
    const issued = await h.get(IssueApiKeyUseCase).execute({ ...account, scopes: [...account.scopes] }, { name: 'laptop', scopes: ['read'] });
    await h.query(`UPDATE api_keys SET revoked_at = now(), created_at = created_at + interval '1 second' WHERE id = $1`, [issued.id]);
    const [hash] = await h.query<{ key_hash: string }>(`SELECT key_hash FROM api_keys WHERE id = $1`, [issued.id]);

    const { keys } = await h.get(ListApiKeysUseCase).execute(account);
    expect(keys.map((k) => [k.id, k.name, k.scopes, k.current, k.revoked_at !== null])).toEqual([
      [issued.id, 'laptop', ['read'], false, true],
      [reg.key_id, 'default', ['read', 'write', 'vote'], true, false],
    ]);
    expect(Object.keys(keys[0]).sort()).toEqual(['created_at', 'current', 'expires_at', 'id', 'last_used_at', 'name', 'prefix', 'revoked_at', 'scopes']);
    expect(keys[1].prefix).toBe(reg.prefix);
    const text = JSON.stringify(keys);
    for (const secret of [issued.api_key, reg.api_key, hash.key_hash]) expect(text).not.toContain(secret);
    expect(text).not.toContain(other.key_id);
  });
});
