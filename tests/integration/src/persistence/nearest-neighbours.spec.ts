import { Database, efSearchFor, nearestNeighbours, runMigrations, toVectorLiteral } from '@commontrace/persistence';
import { createTestDatabase } from '@commontrace/util-testing';
import { DataSource, EntityManager } from 'typeorm';

const MODEL = 'test-model';
const DIMS = 32;
const BACKGROUND = 3000;

/** A deterministic pseudo-random unit vector (mulberry32), padded to the column by toVectorLiteral. */
function unitVector(seed: number): number[] {
  let a = seed >>> 0;
  const next = () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = Math.imul(a ^ (a >>> 15), a | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296 - 0.5;
  };
  return normalize(Array.from({ length: DIMS }, next));
}

function normalize(v: number[]): number[] {
  const norm = Math.hypot(...v);
  return v.map((x) => x / norm);
}

/** The query moved a little towards another vector: close to the query, closer the smaller `weight`. */
function near(query: number[], other: number[], weight: number): number[] {
  return normalize(query.map((x, i) => x + weight * other[i]));
}

describe('nearestNeighbours: the one top-K query of ingest and search', () => {
  let db: Awaited<ReturnType<typeof createTestDatabase>>;
  let database: Database;
  let ds: DataSource;
  const query = unitVector(1);
  /** The five traces placed nearest to the query, nearest first. */
  const nearest: string[] = [];
  const hidden: string[] = [];
  const rare: string[] = [];

  async function addTraces(vectors: number[][], options: { status?: string; tags?: string[]; model?: string } = {}): Promise<string[]> {
    const [{ id: account }] = await ds.query(`SELECT id FROM accounts LIMIT 1`);
    const rows: { id: string }[] = await ds.query(
      `INSERT INTO traces (title, context_text, solution_text, contributor_id, content_hash, status, tags)
       SELECT 'trace ' || i, 'context', 'solution', $1, md5(random()::text) || md5(random()::text), $3, $4::text[]
         FROM generate_series(1, $2) i
       RETURNING id`,
      [account, vectors.length, options.status ?? 'pending', options.tags ?? []],
    );
    const ids = rows.map((r) => r.id);
    await ds.query(
      `INSERT INTO trace_embeddings (trace_id, model, provider, dimensions, embedding, content_hash)
       SELECT e.id::uuid, $3, 'test', $4, e.v::vector, repeat('0', 64) FROM unnest($1::text[], $2::text[]) AS e(id, v)`,
      [ids, vectors.map((v) => toVectorLiteral(v)), options.model ?? MODEL, DIMS],
    );
    return ids;
  }

  beforeAll(async () => {
    db = await createTestDatabase('nn');
    database = await Database.open({ kind: 'postgres', url: db.url, poolSize: 2 });
    ds = database.dataSource;
    await runMigrations(ds, { lock: false });
    await ds.query(`INSERT INTO accounts (name) VALUES ('nn')`);
    // The index as the migrations define it, built once over all the vectors below (as a REINDEX
    // would): inserting 3,000 vectors one by one into the graph is what takes time.
    const [{ indexdef }] = await ds.query(`SELECT indexdef FROM pg_indexes WHERE indexname = 'trace_embeddings_hnsw_idx'`);
    await ds.query(`DROP INDEX trace_embeddings_hnsw_idx`);
    await addTraces(Array.from({ length: BACKGROUND }, (_, i) => unitVector(1000 + i)));
    // Five traces ever closer to the query, and traces the filters must keep out.
    for (const weight of [0.05, 0.1, 0.15, 0.2, 0.25]) nearest.push(...(await addTraces([near(query, unitVector(50 + weight * 100), weight)])));
    hidden.push(...(await addTraces([near(query, unitVector(7), 0.01)], { status: 'hidden' })));
    // Vectors of another model, nearer still than all of those: more than the index's first candidates (ef_search 40).
    await addTraces(Array.from({ length: 200 }, (_, i) => near(query, unitVector(5000 + i), 0.02)), { model: 'another-model' });
    // Far from the query (its opposite, roughly), and the only ones with this tag.
    rare.push(...(await addTraces([0.3, 0.5, 0.7].map((w) => near(query.map((x) => -x), unitVector(9), w)), { tags: ['rare-tag'] })));
    await ds.query(indexdef);
    await ds.query(`ANALYZE traces; ANALYZE trace_embeddings`);
  });

  afterAll(async () => {
    await database?.close();
    await db?.drop();
  });

  it('returns the K nearest traces of the model, nearest first, without hidden traces or other models', async () => {
    // Without the iterative scan, the index's first 40 candidates are all of the other model, and nothing comes back.
    const found = await nearestNeighbours(ds.manager, { model: MODEL, vector: query, limit: 5 });
    expect(found.map((n) => n.trace_id)).toEqual(nearest);
    expect(found[0].similarity).toBeGreaterThan(0.99);
    expect(found.map((n) => n.similarity)).toEqual([...found.map((n) => n.similarity)].sort((a, b) => b - a));
  });

  it('keeps a filtered query from coming back short: the iterative scan walks on until K traces pass the filter', async () => {
    // The three traces with the tag lie far from the query, beyond the index's first candidates.
    const found = await nearestNeighbours(ds.manager, { model: MODEL, vector: query, limit: 5, tags: ['rare-tag'] });
    expect(found.map((n) => n.trace_id).sort()).toEqual([...rare].sort());
    expect(found.every((n) => n.similarity < 0)).toBe(true);
  });

  it('reads the HNSW index, with no similarity threshold to filter on', async () => {
    const plans: string[] = [];
    await ds.transaction(async (tx) => {
      // The same manager, except that each SELECT is explained (and run) first.
      const explaining = new Proxy(tx, {
        get(target, prop, receiver) {
          if (prop !== 'query') return Reflect.get(target, prop, receiver);
          return async (sql: string, params?: unknown[]) => {
            if (sql.trimStart().startsWith('SELECT')) {
              const [row] = await target.query(`EXPLAIN (FORMAT JSON) ${sql}`, params);
              plans.push(JSON.stringify(row['QUERY PLAN']));
            }
            return target.query(sql, params);
          };
        },
      }) as EntityManager;
      await nearestNeighbours(explaining, { model: MODEL, vector: query, limit: 5 });
    });
    expect(plans).toHaveLength(1);
    const plan = JSON.parse(plans[0]) as unknown;
    const nodes: { 'Node Type': string; 'Index Name'?: string; Filter?: string }[] = [];
    const walk = (node: Record<string, unknown>) => {
      nodes.push(node as (typeof nodes)[number]);
      for (const child of (node['Plans'] as Record<string, unknown>[] | undefined) ?? []) walk(child);
    };
    walk((plan as { Plan: Record<string, unknown> }[])[0].Plan);
    const scan = nodes.find((n) => n['Index Name'] === 'trace_embeddings_hnsw_idx');
    expect(scan?.['Node Type']).toBe('Index Scan');
    expect(nodes.filter((n) => n.Filter?.includes('<=>'))).toEqual([]);
  });

  it('searches the graph with a beam sized to the K (hnsw.ef_search), for this query only', async () => {
    const seen: { k: number; ef: number; scan: string }[] = [];
    for (const k of [5, 50]) {
      await ds.transaction(async (tx) => {
        // The same manager, except that the settings in force are read just before the SELECT runs.
        const reading = new Proxy(tx, {
          get(target, prop, receiver) {
            if (prop !== 'query') return Reflect.get(target, prop, receiver);
            return async (sql: string, params?: unknown[]) => {
              if (sql.trimStart().startsWith('SELECT')) {
                const [row] = await target.query(`SELECT current_setting('hnsw.ef_search') AS ef, current_setting('hnsw.iterative_scan') AS scan`);
                seen.push({ k, ef: Number(row.ef), scan: row.scan });
              }
              return target.query(sql, params);
            };
          },
        }) as EntityManager;
        expect(await nearestNeighbours(reading, { model: MODEL, vector: query, limit: k })).toHaveLength(k);
      });
    }
    expect(seen).toEqual([
      { k: 5, ef: efSearchFor(5), scan: 'relaxed_order' },
      { k: 50, ef: efSearchFor(50), scan: 'relaxed_order' },
    ]);
    // pgvector's default (40) is what lost recall at search's K: the beam must be well above it there.
    expect(seen[1].ef).toBeGreaterThanOrEqual(400);
    // SET LOCAL: outside the query's transaction the server's default is untouched.
    // (NULL when this pooled connection has not loaded pgvector yet.)
    const [after] = await ds.query(`SELECT current_setting('hnsw.ef_search', true) AS ef`);
    expect([null, '40']).toContain(after.ef);
  });

  it('reads a graph built with a wide candidate list (ef_construction 200), which the recall at 100k traces needs', async () => {
    const [row] = await ds.query(`SELECT reloptions FROM pg_class WHERE relname = 'trace_embeddings_hnsw_idx'`);
    expect(row.reloptions).toEqual(expect.arrayContaining(['m=16', 'ef_construction=200']));
  });
});
