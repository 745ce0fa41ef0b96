import { DomainError } from '../../core/errors';
import { createValidationPipe } from '../../core/validation';
import { WantedPage } from './list-wanted';

describe('WantedPage (GET /wanted query string)', () => {
  const pipe = createValidationPipe();
  const parse = (query: Record<string, string>) => pipe.transform(query, { type: 'query', metatype: WantedPage });

  it('reads limit as a number and answered as a boolean', async () => {
    expect(await parse({})).toEqual({});
    expect(await parse({ limit: '5', answered: 'true' })).toEqual({ limit: 5, answered: true });
    expect(await parse({ answered: 'false' })).toEqual({ answered: false });
    const cursor = '6f1c2d3e-4a5b-4c6d-8e7f-0a1b2c3d4e5f';
    expect(await parse({ cursor })).toEqual({ cursor });
  });

  it.each<Record<string, string>>([{ limit: '0' }, { limit: '51' }, { limit: 'ten' }, { answered: 'yes' }, { answered: '1' }, { cursor: 'not-a-cursor' }])('refuses %p with validation_failed', async (query) => {
    const error = await parse(query).then(
      () => undefined,
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(DomainError);
    expect((error as DomainError).code).toBe('validation_failed');
  });
});
