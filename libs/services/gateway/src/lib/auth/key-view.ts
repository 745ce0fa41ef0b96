import { DomainError, ErrorCode } from '@commontrace/contracts';
import type { KeyScope } from './scopes';

/** What an account sees of one of its keys: never the key nor its hash. */
export interface KeyView {
  id: string;
  prefix: string;
  name: string | null;
  scopes: KeyScope[];
  created_at: string;
  last_used_at: string | null;
  expires_at: string | null;
  revoked_at: string | null;
  /** True for the key that made this request. */
  current: boolean;
}

/** The columns toKeyView reads, for SELECT and RETURNING. */
export const KEY_VIEW_COLUMNS = 'id, prefix, name, scopes, created_at, last_used_at, expires_at, revoked_at';

export interface KeyRow {
  id: string;
  prefix: string;
  name: string | null;
  scopes: KeyScope[];
  created_at: Date;
  last_used_at: Date | null;
  expires_at: Date | null;
  revoked_at: Date | null;
}

const iso = (d: Date | null) => (d ? new Date(d).toISOString() : null);

export function toKeyView(row: KeyRow, callerKeyId: string): KeyView {
  return {
    id: row.id,
    prefix: row.prefix,
    name: row.name,
    scopes: row.scopes,
    created_at: iso(row.created_at) as string,
    last_used_at: iso(row.last_used_at),
    expires_at: iso(row.expires_at),
    revoked_at: iso(row.revoked_at),
    current: row.id === callerKeyId,
  };
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** Another account's key and a key that does not exist answer alike, so key ids reveal nothing. */
export function keyNotFound(): DomainError {
  return new DomainError(ErrorCode.NotFound, 'No such key on your account');
}

/** Refuses an id that is not a UUID before any query (the database would reject the cast). */
export function assertKeyId(keyId: string): void {
  if (!UUID.test(keyId)) throw keyNotFound();
}
