import { createValidationPipe, DomainError } from '@commontrace/contracts';
import { UseCaseHarness } from '@commontrace/testing';
import { GatewayModule } from '../../gateway.module';
import { hashApiKey, looksLikeApiKey } from '../../auth/api-key';
import { KeyScope } from '../../auth/scopes';
import { CreateApiKeyUseCase } from '../create-api-key/create-api-key.usecase';
import { IssueApiKeyRequest, IssueApiKeyUseCase, MAX_ACTIVE_KEYS } from './issue-api-key.usecase';

describe('IssueApiKeyUseCase', () => {
  let h: UseCaseHarness;
  let issue: IssueApiKeyUseCase;
  const caller = async (scopes: KeyScope[] = ['read', 'write', 'vote']) => {
    const reg = await h.get(CreateApiKeyUseCase).execute({});
    return { id: reg.contributor_id, keyId: reg.key_id, scopes };
  };
  const refusal = (p: Promise<unknown>) => p.then(() => undefined, (e: unknown) => e as DomainError);

  beforeAll(async () => {
    h = await UseCaseHarness.start({ module: GatewayModule });
    issue = h.get(IssueApiKeyUseCase);
  });

  afterAll(() => h.close());

  it("issues a key for the caller's account with the scopes and expiry asked for, stored only as a hash", async () => {
    const account = await caller();
    const expires = new Date(Date.now() + 3_600_000).toISOString();
    const key = await issue.execute(account, { name: 'ci', scopes: ['vote', 'read'], expires_at: expires });
    expect(looksLikeApiKey(key.api_key)).toBe(true);
    expect(key).toMatchObject({ name: 'ci', scopes: ['read', 'vote'], expires_at: expires, revoked_at: null, last_used_at: null, current: false });
    const rows = await h.query(`SELECT account_id, key_hash, scopes, expires_at FROM api_keys WHERE id = $1`, [key.id]);
    expect(rows).toEqual([{ account_id: account.id, key_hash: hashApiKey(key.api_key), scopes: ['read', 'vote'], expires_at: new Date(expires) }]);
    expect(JSON.stringify(await h.query(`SELECT * FROM api_keys`))).not.toContain(key.api_key);
  });

  it("defaults to the caller's scopes and no expiry", async () => {
    expect(await issue.execute(await caller(), {})).toMatchObject({ scopes: ['read', 'write', 'vote'], expires_at: null, name: null });
    expect(await issue.execute(await caller(['read', 'write']), {})).toMatchObject({ scopes: ['read', 'write'] });
  });

  it('never grants a scope the calling key lacks: 403 missing_scope naming it, and no key written', async () => {
    const account = await caller(['read', 'write']);
    const refused = await refusal(issue.execute(account, { scopes: ['read', 'vote'] }));
    expect(refused).toBeInstanceOf(DomainError);
    expect(refused).toMatchObject({ code: 'missing_scope', status: 403, extra: { details: { scope: 'vote' } } });
    expect(await h.query(`SELECT count(*)::int AS n FROM api_keys WHERE account_id = $1`, [account.id])).toEqual([{ n: 1 }]);
  });

  it('refuses an expiry that is not in the future, naming the field', async () => {
    const refused = await refusal(issue.execute(await caller(), { expires_at: new Date(Date.now() - 1000).toISOString() }));
    expect(refused).toMatchObject({ code: 'validation_failed', extra: { errors: [{ field: 'expires_at' }] } });
  });

  it(`holds an account to ${MAX_ACTIVE_KEYS} usable keys (revoked ones do not count)`, async () => {
    const account = await caller();
    for (let i = 1; i < MAX_ACTIVE_KEYS; i++) await issue.execute(account, {});
    expect(await refusal(issue.execute(account, {}))).toMatchObject({ code: 'conflict' });
    await h.query(`UPDATE api_keys SET revoked_at = now() WHERE id = $1`, [account.keyId]);
    expect(await issue.execute(account, {})).toMatchObject({ revoked_at: null });
  });

  it('is never reached by unknown or repeated scopes or a malformed expiry: the shared pipe refuses them, naming the field', async () => {
    const pipe = createValidationPipe();
    for (const [body, field] of [
      [{ scopes: ['admin'] }, 'scopes'],
      [{ scopes: [] }, 'scopes'],
      [{ scopes: ['read', 'read'] }, 'scopes'],
      [{ scopes: 'read' }, 'scopes'],
      [{ expires_at: 'tomorrow' }, 'expires_at'],
      [{ name: 'a\u0000b' }, 'name'],
    ] as const) {
      const refused = await refusal(pipe.transform(body, { type: 'body', metatype: IssueApiKeyRequest }));
      expect(refused).toBeInstanceOf(DomainError);
      expect({ body, fields: [...new Set(refused?.extra.errors?.map((e) => e.field))] }).toEqual({ body, fields: [field] });
    }
  });
});
