import { DomainError, ErrorCode, HTTP_STATUS_BY_CODE } from './errors';

describe('DomainError', () => {
  it('round-trips through its wire body with code and details', () => {
    const error = new DomainError(ErrorCode.DuplicateTrace, 'exists', { details: { existing_id: 'x' } });
    const copy = DomainError.fromBody(JSON.parse(JSON.stringify(error.toBody())));
    expect(copy).toBeInstanceOf(DomainError);
    expect(copy.code).toBe('duplicate_trace');
    expect(copy.status).toBe(409);
    expect(copy.extra.details).toEqual({ existing_id: 'x' });
  });

  it('recognizes only bodies with a known code', () => {
    expect(DomainError.isBody({ code: 'not_found', message: 'x' })).toBe(true);
    expect(DomainError.isBody({ code: 'made_up', message: 'x' })).toBe(false);
    expect(DomainError.isBody({ status: 'error', message: 'Internal server error' })).toBe(false);
  });

  it('maps every code to a 4xx or 5xx status', () => {
    for (const status of Object.values(HTTP_STATUS_BY_CODE)) expect(status).toBeGreaterThanOrEqual(400);
  });
});
