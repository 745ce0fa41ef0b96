import { DomainError, ErrorCode } from '@commontrace/contracts';

/**
 * The base version of an amendment, when it is still the trace's current version: 409
 * stale_amendment when the trace has moved on since, 400 when it names a version that does not
 * exist yet. An amendment applies to the text it was written against, or to none.
 */
export function checkBaseVersion(base: number, current: number): number {
  if (base > current) {
    throw new DomainError(ErrorCode.ValidationFailed, `base_version: the trace has no version ${base} (its current version is ${current})`, {
      errors: [{ field: 'base_version', message: `must be at most the current version, ${current}` }],
    });
  }
  if (base < current) {
    throw new DomainError(
      ErrorCode.StaleAmendment,
      `The amendment was written against version ${base}, but the trace is at version ${current}: amend the current text instead`,
      { details: { base_version: base, current_version: current } },
    );
  }
  return base;
}
