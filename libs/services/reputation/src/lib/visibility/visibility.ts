import { DomainError, ErrorCode, TraceStatus } from '@commontrace/contracts';

/** A hidden trace is answered as if it did not exist (as ingest does). */
export function servedOrNotFound<T extends { status: TraceStatus }>(trace: T | null | undefined, id: string): T {
  if (!trace || trace.status === 'hidden') throw new DomainError(ErrorCode.NotFound, `No trace ${id}`);
  return trace;
}
