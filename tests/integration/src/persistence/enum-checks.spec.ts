/**
 * The enums are defined once, in @commontrace/contracts; the migrations' CHECK constraints spell the
 * same values in SQL. This spec reads the constraints of a migrated database and fails when a column
 * accepts values that the contracts do not know, or refuses values that they define.
 */
import {
  ACCOUNT_TIERS,
  AMENDMENT_STATUSES,
  EMBEDDING_MODEL_STATES,
  FLAG_CATEGORIES,
  FLAG_STATUSES,
  LINK_KINDS,
  MODERATION_ACTIONS,
  TRACE_STANDINGS,
  TRACE_STATUSES,
  TRUST_LABELS,
  VERIFICATION_OUTCOMES,
  VOTE_SIGNS,
} from '@commontrace/contracts';
import { Database, runMigrations } from '@commontrace/persistence';
import { createTestDatabase } from '@commontrace/util-testing';

/** table.column → the values the contracts define for it. */
const COLUMNS: Record<string, readonly (string | number)[]> = {
  'traces.status': TRACE_STATUSES,
  'trace_links.kind': LINK_KINDS,
  'amendments.status': AMENDMENT_STATUSES,
  'accounts.tier': ACCOUNT_TIERS,
  'flags.status': FLAG_STATUSES,
  'embedding_models.state': EMBEDDING_MODEL_STATES,
  'votes.direction': Object.values(VOTE_SIGNS),
  'verifications.outcome': VERIFICATION_OUTCOMES,
  'trace_scores.label': TRUST_LABELS,
  'trace_scores.standing': TRACE_STANDINGS,
  'flags.category': FLAG_CATEGORIES,
  'moderation_actions.action': MODERATION_ACTIONS,
};

/** The values of `col IN (…)` / `col = ANY (ARRAY[…])` in a CHECK definition, as PostgreSQL prints it. */
function allowedValues(definition: string): string[] {
  return [...definition.matchAll(/'([^']*)'|(-?\d+)/g)].map((m) => m[1] ?? m[2]);
}

describe('enum CHECK constraints mirror the contracts', () => {
  let db: Awaited<ReturnType<typeof createTestDatabase>>;
  let database: Database;
  let checks: { table: string; column: string; definition: string }[];

  beforeAll(async () => {
    db = await createTestDatabase('enums');
    database = await Database.open({ kind: 'postgres', url: db.url, poolSize: 1 });
    await runMigrations(database.dataSource, { lock: false });
    checks = await database.dataSource.query(
      `SELECT c.conrelid::regclass::text AS table, a.attname AS column, pg_get_constraintdef(c.oid) AS definition
         FROM pg_constraint c
         JOIN pg_attribute a ON a.attrelid = c.conrelid AND a.attnum = ANY (c.conkey)
        WHERE c.contype = 'c' AND cardinality(c.conkey) = 1`,
    );
  });
  afterAll(async () => {
    await database?.close();
    await db?.drop();
  });

  it.each(Object.entries(COLUMNS))('%s allows exactly the values of the contracts', (key, values) => {
    const [table, column] = key.split('.');
    const check = checks.find((c) => c.table === table && c.column === column);
    expect(check).toBeDefined();
    expect(allowedValues(check!.definition).sort()).toEqual(values.map(String).sort());
  });
});
