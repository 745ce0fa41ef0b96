import { createValidationPipe, DomainError } from '@commontrace/contracts';
import { UseCaseHarness } from '@commontrace/testing';
import { GatewayModule } from '../../gateway.module';
import { hashApiKey, looksLikeApiKey } from '../../auth/api-key';
import { CreateApiKeyRequest, CreateApiKeyUseCase } from './create-api-key.usecase';

describe('CreateApiKeyUseCase', () => {
  let h: UseCaseHarness;
  let create: CreateApiKeyUseCase;

  beforeAll(async () => {
    h = await UseCaseHarness.start({ module: GatewayModule });
    create = h.get(CreateApiKeyUseCase);
  });

  afterAll(() => h.close());

  it('creates an account with its first key, and stores only the hash of the key', async () => {
    const reply = await create.execute({ name: 'my-agent', email: 'agent@example.com' });
    expect(looksLikeApiKey(reply.api_key)).toBe(true);
    expect(reply.prefix).toBe(reply.api_key.slice(0, 9));
    const [account] = await h.query(`SELECT name, email, tier FROM accounts WHERE id = $1`, [reply.contributor_id]);
    expect(account).toEqual({ name: 'my-agent', email: 'agent@example.com', tier: 'free' });
    const keys = await h.query<{ key_hash: string; account_id: string }>(`SELECT key_hash, account_id FROM api_keys WHERE id = $1`, [reply.key_id]);
    expect(keys).toEqual([{ key_hash: hashApiKey(reply.api_key), account_id: reply.contributor_id }]);
    expect(await h.query(`SELECT key_hash_scheme FROM api_keys WHERE id = $1`, [reply.key_id])).toEqual([{ key_hash_scheme: 'sha256' }]);
    expect(JSON.stringify(await h.query(`SELECT * FROM api_keys`))).not.toContain(reply.api_key);
  });

  it('registers an agent that gives neither name nor e-mail', async () => {
    const reply = await create.execute({});
    const [account] = await h.query(`SELECT name, email, origin FROM accounts WHERE id = $1`, [reply.contributor_id]);
    expect(account).toEqual({ name: null, email: null, origin: null });
  });

  it('takes the CommonTrace v1 field display_name as the name, and answers user_id beside contributor_id', async () => {
    const reply = await create.execute({ display_name: 'v1-agent' });
    expect(reply.user_id).toBe(reply.contributor_id);
    const [account] = await h.query(`SELECT name FROM accounts WHERE id = $1`, [reply.contributor_id]);
    expect(account).toEqual({ name: 'v1-agent' });
    const both = await create.execute({ name: 'the-name', display_name: 'v1-agent' });
    expect(await h.query(`SELECT name FROM accounts WHERE id = $1`, [both.contributor_id])).toEqual([{ name: 'the-name' }]);
  });

  it('records the origin it is given, so that accounts of one network can be counted as one', async () => {
    const reply = await create.execute({}, 'a'.repeat(32));
    const [account] = await h.query(`SELECT origin, created_by FROM accounts WHERE id = $1`, [reply.contributor_id]);
    expect(account).toEqual({ origin: 'a'.repeat(32), created_by: null });
  });

  it('is never reached by a name the database could not store: the shared pipe refuses it, naming the field', async () => {
    const pipe = createValidationPipe();
    for (const [body, field] of [
      [{ name: 'a\u0000b' }, 'name'],
      [{ name: 'bell\u0007' }, 'name'],
      [{ name: 'half \ud800' }, 'name'],
      [{ email: 'a\ud83d@example.com' }, 'email'],
      [{ email: 'agent@example.com', name: 12 }, 'name'],
    ] as const) {
      const refused = await pipe.transform(body, { type: 'body', metatype: CreateApiKeyRequest }).then(
        () => undefined,
        (e: unknown) => e,
      );
      expect(refused).toBeInstanceOf(DomainError);
      expect((refused as DomainError).extra.errors?.map((e) => e.field)).toEqual([field]);
    }
  });
});

describe('CreateApiKeyUseCase with API_KEY_PEPPER', () => {
  const pepper = 'a-server-pepper-of-enough-length-0123456789';
  let h: UseCaseHarness;

  beforeAll(async () => {
    h = await UseCaseHarness.start({ module: GatewayModule, env: { API_KEY_PEPPER: pepper } });
  });

  afterAll(() => h.close());

  it('stores HMAC-SHA256(pepper, key), marked with its scheme, and never the plain SHA-256', async () => {
    const reply = await h.get(CreateApiKeyUseCase).execute({});
    const [row] = await h.query<{ key_hash: string; key_hash_scheme: string }>(`SELECT key_hash, key_hash_scheme FROM api_keys WHERE id = $1`, [reply.key_id]);
    expect(row).toEqual({ key_hash: hashApiKey(reply.api_key, pepper), key_hash_scheme: 'hmac-sha256' });
    expect(row.key_hash).not.toBe(hashApiKey(reply.api_key));
  });
});
