import { DomainError, ErrorCode, TraceStatus } from '@commontrace/contracts';

/**
 * A hidden trace is served by no route to anyone but moderators. The moderate privilege comes
 * with reputation; until then no one is served one. It is answered as if it did not exist.
 */
export function servedOrNotFound<T extends { status: TraceStatus }>(trace: T | null | undefined, id: string): T {
  if (!trace || trace.status === 'hidden') throw new DomainError(ErrorCode.NotFound, `No trace ${id}`);
  return trace;
}
