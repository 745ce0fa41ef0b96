import { TraceStatus } from '../core/enums';
import { DomainError, ErrorCode } from '../core/errors';

/**
 * A hidden trace is served by no route to anyone but moderators; it is answered as if it did
 * not exist. Every service that reads a trace on an agent's behalf checks it with this.
 */
export function servedOrNotFound<T extends { status: TraceStatus }>(trace: T | null | undefined, id: string): T {
  if (!trace || trace.status === 'hidden') throw new DomainError(ErrorCode.NotFound, `No trace ${id}`);
  return trace;
}
