import { Injectable, Logger, OnApplicationBootstrap } from '@nestjs/common';
import { InvertedIndex, traceFacets } from '@commontrace/domain-search';
import { preparedQuery } from '@commontrace/persistence';
import { AppEnv } from '@commontrace/util-config';
import { DataSource } from 'typeorm';

/** Documents read per statement while loading. */
const LOAD_BATCH = 2000;

interface DocumentRow {
  trace_id: string;
  length: number;
  xid: string;
  terms: string[] | null;
  tfs: number[] | null;
  tags: string[];
  language: string | null;
  framework: string | null;
}

/**
 * The documents' postings, aggregated per trace, with the trace's tags, language and framework (the
 * facets a filter requires): one row per document. Ingest writes those fields in the transaction
 * that writes the trace's postings, and nothing changes them later without writing the postings
 * again, so they are as current as the postings (search also checks the whole filter against
 * `traces` when it reads the candidates' details).
 */
const DOCUMENT_POSTINGS = `SELECT d.trace_id, d.length::float8 AS length, d.written_xid::text AS xid, p.terms, p.tfs, t.tags, t.language, t.framework
   FROM lexical_documents d
   JOIN traces t ON t.id = d.trace_id
   CROSS JOIN LATERAL (SELECT array_agg(lp.term) AS terms, array_agg(lp.tf::float8) AS tfs FROM lexical_postings lp WHERE lp.trace_id = d.trace_id) p`;

/**
 * A copy of the lexical index (the postings that ingest writes in PostgreSQL, the source of truth)
 * in this process's memory, with each trace's tags, language and framework for filtered searches,
 * so that scoring costs no round trip and no PostgreSQL time.
 *
 * Loaded before the process serves (Nest awaits onApplicationBootstrap), then kept current:
 * before every query (`current`) it reads the documents written by transactions at or after the
 * oldest one that was still running when it last looked (`written_xid >= xmin`), so no commit is
 * missed whatever order concurrent writers commit in, and a search sees every trace committed
 * before it began. Queries that arrive while a catch-up is running share the next one. Traces are
 * never deleted (they are hidden); one deleted by hand keeps its postings here until a restart,
 * but never reaches a result (the candidates' details are read from `traces`).
 * With SEARCH_LEXICAL_INDEX=sql it holds nothing and `current` answers null.
 */
@Injectable()
export class LexicalIndexReplica implements OnApplicationBootstrap {
  private readonly logger = new Logger('LexicalIndex');
  private index: InvertedIndex | null = null;
  /** The oldest transaction running at the last catch-up: documents written at or after it are read again. */
  private xmin = '0';
  /** Documents applied with the transaction that wrote them, among those at or after `xmin`. */
  private applied = new Map<string, bigint>();
  /** Grows whenever a catch-up applies a document: a score computed at one revision is stale at the next. */
  private revision = 0;
  private running: Promise<void> | null = null;
  private queued: Promise<void> | null = null;

  constructor(
    private readonly dataSource: DataSource,
    private readonly env: AppEnv,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    if (this.env.SEARCH_LEXICAL_INDEX !== 'memory') return;
    const started = Date.now();
    await this.load();
    this.logger.log(`lexical index loaded: ${this.index?.size ?? 0} traces in ${Date.now() - started} ms`);
  }

  /** The index, up to date with every trace committed before this call; null when scoring stays in SQL. */
  async current(): Promise<InvertedIndex | null> {
    if (!this.index) return null;
    await this.catchUp();
    return this.index;
  }

  /**
   * `score` run over the index as it stands while a catch-up runs beside it, then run again only
   * when that catch-up applied anything: the answer is as current as `current()`'s (it holds every
   * trace committed before this call), but the catch-up's round trip overlaps the scoring instead
   * of preceding it. `timeCatchUp` wraps the catch-up (to time it). Null when scoring stays in SQL.
   */
  async scoreCurrent<T>(score: (index: InvertedIndex) => Promise<T>, timeCatchUp: (run: () => Promise<void>) => Promise<void> = (run) => run()): Promise<T | null> {
    const index = this.index;
    if (!index) return null;
    const revision = this.revision;
    const caughtUp = timeCatchUp(() => this.catchUp());
    // Scoring is synchronous work: it starts once the catch-up's query (and those the caller started beside it) is on its way.
    const scored = new Promise<void>((resolve) => setImmediate(resolve)).then(() => score(index));
    // Both awaited together, so a failed catch-up is never left unhandled while the score runs.
    const [, first] = await Promise.all([caughtUp, scored]);
    return this.revision === revision ? first : score(index);
  }

  /** Starts a catch-up, or joins the one queued behind the running one (which may have begun before this call). */
  private catchUp(): Promise<void> {
    if (!this.running) {
      this.running = this.poll().finally(() => (this.running = null));
      return this.running;
    }
    this.queued ??= this.running
      .catch(() => undefined)
      .then(() => {
        this.queued = null;
        return this.catchUp();
      });
    return this.queued;
  }

  private async load(): Promise<void> {
    const [{ xmin }]: { xmin: string }[] = await this.dataSource.query(`SELECT pg_snapshot_xmin(pg_current_snapshot())::text AS xmin`);
    const index = new InvertedIndex();
    const applied = new Map<string, bigint>();
    for (let after = '00000000-0000-0000-0000-000000000000'; ; ) {
      const rows: DocumentRow[] = await this.dataSource.query(`${DOCUMENT_POSTINGS} WHERE d.trace_id > $1::uuid ORDER BY d.trace_id LIMIT $2`, [after, LOAD_BATCH]);
      for (const row of rows) {
        index.upsert(toDocument(row));
        if (BigInt(row.xid) >= BigInt(xmin)) applied.set(row.trace_id, BigInt(row.xid));
      }
      if (rows.length < LOAD_BATCH) break;
      after = rows[rows.length - 1].trace_id;
      // Other work of the process (health checks) goes on between batches.
      await new Promise((resolve) => setImmediate(resolve));
    }
    index.compact();
    this.index = index;
    this.xmin = xmin;
    this.applied = applied;
  }

  private async poll(): Promise<void> {
    const index = this.index as InvertedIndex;
    const [state]: { xmin: string; changed: [string, string][] }[] = await preparedQuery(
      this.dataSource.manager,
      `SELECT pg_snapshot_xmin(pg_current_snapshot())::text AS xmin,
              coalesce((SELECT json_agg(json_build_array(d.trace_id, d.written_xid::text)) FROM lexical_documents d WHERE d.written_xid >= $1::xid8), '[]'::json) AS changed`,
      [this.xmin],
    );
    const stale = state.changed.filter(([id, xid]) => this.applied.get(id) !== BigInt(xid)).map(([id]) => id);
    if (stale.length) {
      const rows: DocumentRow[] = await this.dataSource.query(`${DOCUMENT_POSTINGS} WHERE d.trace_id = ANY($1::uuid[])`, [stale]);
      for (const row of rows) {
        index.upsert(toDocument(row));
        this.applied.set(row.trace_id, BigInt(row.xid));
      }
      if (rows.length) this.revision++;
    }
    const xmin = BigInt(state.xmin);
    if (xmin !== BigInt(this.xmin)) {
      for (const [id, xid] of this.applied) if (xid < xmin) this.applied.delete(id);
      this.xmin = state.xmin;
    }
  }
}

function toDocument(row: DocumentRow) {
  return { id: row.trace_id, terms: row.terms ?? [], tfs: (row.tfs ?? []).map(Number), length: Number(row.length), facets: traceFacets(row) };
}
