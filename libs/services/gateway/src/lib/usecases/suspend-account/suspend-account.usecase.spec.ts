import { createValidationPipe, DomainError } from '@commontrace/contracts';
import { UseCaseHarness } from '@commontrace/testing';
import { GatewayModule } from '../../gateway.module';
import { CreateApiKeyUseCase } from '../create-api-key/create-api-key.usecase';
import { SuspendAccountRequest, SuspendAccountUseCase } from './suspend-account.usecase';

describe('SuspendAccountUseCase', () => {
  let h: UseCaseHarness;
  let suspend: SuspendAccountUseCase;
  let create: CreateApiKeyUseCase;

  beforeAll(async () => {
    h = await UseCaseHarness.start({ module: GatewayModule });
    suspend = h.get(SuspendAccountUseCase);
    create = h.get(CreateApiKeyUseCase);
  });

  afterAll(() => h.close());

  it('suspends the account with its reason; suspending again keeps the time and takes the new reason', async () => {
    const { contributor_id: id } = await create.execute({});
    const first = await suspend.execute(id, { reason: 'spam' });
    expect(first).toMatchObject({ id, suspended: true, suspended_reason: 'spam', suspended_at: expect.any(String) });
    const again = await suspend.execute(id, { reason: 'spam, confirmed' });
    expect(again).toMatchObject({ suspended: true, suspended_reason: 'spam, confirmed', suspended_at: first.suspended_at });
    const [row] = await h.query<{ suspended_at: Date }>(`SELECT suspended_at FROM accounts WHERE id = $1`, [id]);
    expect(row.suspended_at.toISOString()).toBe(first.suspended_at);
  });

  it('answers 404 for an unknown account, and the pipe wants a reason', async () => {
    const refused = await suspend.execute('00000000-0000-4000-8000-000000000000', { reason: 'x' }).catch((e: unknown) => e);
    expect((refused as DomainError).code).toBe('not_found');
    const pipe = createValidationPipe();
    for (const body of [{}, { reason: '' }, { reason: 'x'.repeat(501) }]) {
      const invalid = await pipe.transform(body, { type: 'body', metatype: SuspendAccountRequest }).catch((e: unknown) => e);
      expect((invalid as DomainError).extra.errors?.map((e) => e.field)).toEqual(['reason']);
    }
  });
});
