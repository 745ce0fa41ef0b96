import { DomainError, ErrorCode, PAGE_LIMITS, servedOrNotFound, TraceStatus } from '@commontrace/contracts';
import { DataSource } from 'typeorm';

/** One page (plus one) of a trace's votes or verifications, newest change first, after the cursor row. */
export async function listPage<T>(dataSource: DataSource, table: 'votes' | 'verifications', request: { trace_id: string; limit?: number; cursor?: string }): Promise<T[]> {
  const traces: { status: TraceStatus }[] = await dataSource.query(`SELECT status FROM traces WHERE id = $1`, [request.trace_id]);
  servedOrNotFound(traces[0], request.trace_id);
  const limit = request.limit ?? PAGE_LIMITS.defaultLimit;
  if (request.cursor) {
    const found = await dataSource.query(`SELECT 1 FROM ${table} WHERE id = $1 AND trace_id = $2`, [request.cursor, request.trace_id]);
    if (!found.length) {
      throw new DomainError(ErrorCode.ValidationFailed, 'cursor: not a next_cursor of this list', {
        errors: [{ field: 'cursor', message: 'must be a next_cursor of this list' }],
      });
    }
  }
  return dataSource.query(
    `SELECT * FROM ${table} x WHERE x.trace_id = $1
        AND ($2::uuid IS NULL OR (x.created_at, x.id) < (SELECT c.created_at, c.id FROM ${table} c WHERE c.id = $2))
      ORDER BY x.created_at DESC, x.id DESC LIMIT $3`,
    [request.trace_id, request.cursor ?? null, limit + 1],
  );
}
