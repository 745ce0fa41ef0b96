import { createHash } from 'node:crypto';
import { EntityManager } from 'typeorm';

/** Statement names by text: a text is hashed once per process. */
const names = new Map<string, string>();
/** Texts named at most (the hot reads are a handful; a caller that builds texts freely must not grow the map). */
const MAX_NAMED = 256;

/** The statement's name on every connection: derived from its text, so one name never means two texts. */
export function statementName(text: string): string {
  let name = names.get(text);
  if (!name) {
    name = `ct_${createHash('sha1').update(text).digest('hex').slice(0, 20)}`;
    if (names.size < MAX_NAMED) names.set(text, name);
  }
  return name;
}

/** Texts whose prepared form a schema change broke in this process: they run unnamed from then on. */
const unpreparable = new Set<string>();

/** PostgreSQL's answer to a prepared statement whose result columns changed under it (a migration under a running service). */
function resultTypeChanged(error: unknown): boolean {
  const cause = (error as { driverError?: { code?: string; message?: string } }).driverError;
  return cause?.code === '0A000' && /cached plan must not change result type/.test(cause.message ?? '');
}

/**
 * A read that a request path runs on every request, as a named prepared statement: each pooled
 * connection parses and plans it once, and PostgreSQL may keep a generic plan after five runs,
 * so later runs skip the parse and, usually, the planning (about 0.2–0.3 ms a statement for the
 * search's at 100k traces). Same rows, same errors (TypeORM's QueryFailedError) as `m.query`;
 * PGlite takes named statements the same way. Only for statements whose text is fixed
 * (parameters vary, the text does not): each distinct text is one prepared statement on each
 * connection. A migration that changes the columns under a prepared statement makes PostgreSQL
 * refuse it on every connection that prepared it; that text then runs unnamed in this process.
 */
export async function preparedQuery<T>(m: EntityManager, text: string, params: unknown[]): Promise<T[]> {
  if (unpreparable.has(text)) return m.query(text, params);
  try {
    // TypeORM hands the query to node-postgres as it is, and node-postgres takes a query config
    // ({ name, text }) where a text goes: the one place this cast is made.
    return await m.query({ name: statementName(text), text } as unknown as string, params);
  } catch (error) {
    if (!resultTypeChanged(error)) throw error;
    unpreparable.add(text);
    return m.query(text, params);
  }
}
