import { DomainError } from '@commontrace/contracts';
import { UseCaseHarness } from '@commontrace/testing';
import { GatewayModule } from '../../gateway.module';
import { CreateApiKeyUseCase } from '../create-api-key/create-api-key.usecase';
import { SuspendAccountUseCase } from '../suspend-account/suspend-account.usecase';
import { RestoreAccountUseCase } from './restore-account.usecase';

describe('RestoreAccountUseCase', () => {
  let h: UseCaseHarness;
  let restore: RestoreAccountUseCase;

  beforeAll(async () => {
    h = await UseCaseHarness.start({ module: GatewayModule });
    restore = h.get(RestoreAccountUseCase);
  });

  afterAll(() => h.close());

  it('lifts a suspension, and changes nothing on an active account', async () => {
    const { contributor_id: id } = await h.get(CreateApiKeyUseCase).execute({});
    await h.get(SuspendAccountUseCase).execute(id, { reason: 'spam' });
    expect(await restore.execute(id)).toMatchObject({ id, suspended: false, suspended_at: null, suspended_reason: null });
    expect(await h.query(`SELECT suspended_at, suspended_reason FROM accounts WHERE id = $1`, [id])).toEqual([{ suspended_at: null, suspended_reason: null }]);
    expect(await restore.execute(id)).toMatchObject({ id, suspended: false });
  });

  it('answers 404 for an unknown account', async () => {
    const refused = await restore.execute('00000000-0000-4000-8000-000000000000').catch((e: unknown) => e);
    expect(refused).toBeInstanceOf(DomainError);
    expect((refused as DomainError).code).toBe('not_found');
  });
});
