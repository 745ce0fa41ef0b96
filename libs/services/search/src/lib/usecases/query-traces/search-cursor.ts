import { canonicalJson, DomainError, ErrorCode, SearchQueryTraces } from '@commontrace/contracts';
import { createHash } from 'node:crypto';

/**
 * Search pages continue by position: a cursor is how many results the previous pages held,
 * with a fingerprint of the search (everything in the request but the cursor), so a cursor is
 * only ever continued with the search it came from. The ranking is deterministic for a given
 * corpus; a trace stored between two pages can shift the list by a place.
 */
export function searchFingerprint(request: SearchQueryTraces.QueryTracesRequest): string {
  const { cursor: _cursor, ...search } = request;
  return createHash('sha256').update(canonicalJson(search)).digest('hex').slice(0, 16);
}

export function encodeCursor(offset: number, request: SearchQueryTraces.QueryTracesRequest): string {
  return `${offset}.${searchFingerprint(request)}`;
}

/** Where the page starts: 0 without a cursor; a cursor of another search is refused (400). */
export function decodeCursor(request: SearchQueryTraces.QueryTracesRequest): number {
  if (!request.cursor) return 0;
  const [offset, fingerprint] = request.cursor.split('.');
  const start = Number(offset);
  if (fingerprint !== searchFingerprint(request) || !Number.isInteger(start) || start >= SearchQueryTraces.SEARCH_LIMITS.depth) {
    throw new DomainError(ErrorCode.ValidationFailed, 'The cursor belongs to another search', {
      errors: [{ field: 'cursor', message: 'must be a next_cursor of this search' }],
    });
  }
  return start;
}
