import { createValidationPipe, DomainError } from '@commontrace/contracts';
import { UseCaseHarness } from '@commontrace/testing';
import { GatewayModule } from '../../gateway.module';
import { hashApiKey } from '../../auth/api-key';
import { KeyScope } from '../../auth/scopes';
import { CreateApiKeyUseCase } from '../create-api-key/create-api-key.usecase';
import { IssueApiKeyUseCase } from '../issue-api-key/issue-api-key.usecase';
import { DEFAULT_ROTATION_GRACE_SECONDS, RotateApiKeyRequest, RotateApiKeyUseCase } from './rotate-api-key.usecase';

describe('RotateApiKeyUseCase', () => {
  let h: UseCaseHarness;
  let rotate: RotateApiKeyUseCase;
  const ALL: KeyScope[] = ['read', 'write', 'vote'];
  const register = async (scopes = ALL) => {
    const reg = await h.get(CreateApiKeyUseCase).execute({});
    return { id: reg.contributor_id, keyId: reg.key_id, scopes };
  };
  const stored = async (keyId: string) =>
    (await h.query<{ expires_at: Date | null; revoked_at: Date | null }>(`SELECT expires_at, revoked_at FROM api_keys WHERE id = $1`, [keyId]))[0];

  beforeAll(async () => {
    h = await UseCaseHarness.start({ module: GatewayModule });
    rotate = h.get(RotateApiKeyUseCase);
  });

  afterAll(() => h.close());

  it('returns a new key like the old one, and the old one expires at the end of the default grace period', async () => {
    const account = await register();
    const old = await h.get(IssueApiKeyUseCase).execute(account, { name: 'ci', scopes: ['read', 'vote'] });
    const before = Date.now();
    const { key, replaced } = await rotate.execute(account, old.id, {});
    expect(key).toMatchObject({ name: 'ci', scopes: ['read', 'vote'], expires_at: null, revoked_at: null });
    expect(key.api_key).not.toBe(old.api_key);
    expect(await h.query(`SELECT account_id FROM api_keys WHERE key_hash = $1`, [hashApiKey(key.api_key)])).toEqual([{ account_id: account.id }]);
    const ends = new Date(replaced.expires_at as string).getTime();
    expect(ends).toBeGreaterThanOrEqual(before + DEFAULT_ROTATION_GRACE_SECONDS * 1000 - 5_000);
    expect(ends).toBeLessThanOrEqual(Date.now() + DEFAULT_ROTATION_GRACE_SECONDS * 1000 + 5_000);
    expect((await stored(old.id)).expires_at?.toISOString()).toBe(replaced.expires_at);
  });

  it('keeps an earlier expiry, and the new key keeps it too', async () => {
    const account = await register();
    const soon = new Date(Date.now() + 600_000).toISOString();
    const old = await h.get(IssueApiKeyUseCase).execute(account, { expires_at: soon });
    const { key, replaced } = await rotate.execute(account, old.id, { grace_seconds: 3600 });
    expect(replaced.expires_at).toBe(soon);
    expect(key.expires_at).toBe(soon);
  });

  it('with grace_seconds 0 the old key is expired at once', async () => {
    const account = await register();
    const { replaced } = await rotate.execute(account, account.keyId, { grace_seconds: 0 });
    expect(new Date(replaced.expires_at as string).getTime()).toBeLessThanOrEqual(Date.now());
  });

  it("refuses another account's key (404), a revoked key (409) and a key holding a scope the caller lacks (403), changing nothing", async () => {
    const owner = await register();
    const stranger = await register();
    await expect(rotate.execute(stranger, owner.keyId, {})).rejects.toMatchObject({ code: 'not_found' });
    expect(await stored(owner.keyId)).toEqual({ expires_at: null, revoked_at: null });

    const narrow = { ...owner, scopes: ['read', 'write'] as KeyScope[] };
    await expect(rotate.execute(narrow, owner.keyId, {})).rejects.toMatchObject({ code: 'missing_scope', extra: { details: { scope: 'vote' } } });
    expect(await stored(owner.keyId)).toEqual({ expires_at: null, revoked_at: null });

    await h.query(`UPDATE api_keys SET revoked_at = now() WHERE id = $1`, [owner.keyId]);
    await expect(rotate.execute(owner, owner.keyId, {})).rejects.toMatchObject({ code: 'conflict' });
    expect(await h.query(`SELECT count(*)::int AS n FROM api_keys WHERE account_id = $1`, [owner.id])).toEqual([{ n: 1 }]);
  });

  it('is never reached by a grace period out of bounds: the shared pipe refuses it', async () => {
    const pipe = createValidationPipe();
    for (const body of [{ grace_seconds: -1 }, { grace_seconds: 8 * 86_400 }, { grace_seconds: 1.5 }, { grace_seconds: '60' }]) {
      const refused = await pipe.transform(body, { type: 'body', metatype: RotateApiKeyRequest }).then(() => undefined, (e: unknown) => e as DomainError);
      expect(refused?.extra.errors?.map((e) => e.field)).toContain('grace_seconds');
    }
  });
});
