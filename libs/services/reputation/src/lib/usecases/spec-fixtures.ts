import { TrustSummary } from '@commontrace/contracts';
import { randomBytes, randomUUID } from 'node:crypto';

/** What the fixtures need of the harness. */
interface Db {
  query<T = Record<string, unknown>>(sql: string, params?: unknown[]): Promise<T[]>;
}

/** A trace's `trace_scores` row. */
export interface ScoreRow {
  standing: string;
  summary: TrustSummary;
  [column: string]: unknown;
}

/** Test data for the reputation use cases (imported by spec files only): accounts with origins and ages, traces, established agents. */
export class Fixtures {
  constructor(private readonly h: Db) {}

  /** An account; by default an established one: 30 days old, from its own network. */
  async account(over: { name?: string; origin?: string | null; createdAt?: Date; createdBy?: string } = {}): Promise<string> {
    const [row] = await this.h.query<{ id: string }>(
      `INSERT INTO accounts (name, origin, created_by, created_at) VALUES ($1, $2, $3, $4) RETURNING id`,
      [over.name ?? 'agent', over.origin === undefined ? `net-${randomUUID()}` : over.origin, over.createdBy ?? null, over.createdAt ?? new Date(Date.now() - 30 * 86_400_000)],
    );
    return row.id;
  }

  /** A fresh account: registered `minutesAgo` ago, from its own network unless told. */
  fresh(minutesAgo: number, origin?: string): Promise<string> {
    return this.account({ name: 'fresh', origin, createdAt: new Date(Date.now() - minutesAgo * 60_000) });
  }

  /** An agent with a track record in these tags (domain Wilson score) and points above the fresh threshold. */
  async established(tags: string[], wilson = 1): Promise<string> {
    const id = await this.account({ name: 'established' });
    await this.h.query(`INSERT INTO reputation (account_id, points) VALUES ($1, 500)`, [id]);
    for (const tag of tags) await this.h.query(`INSERT INTO domain_reputation (account_id, tag, up, down, wilson) VALUES ($1, $2, 50, 0, $3)`, [id, tag, wilson]);
    return id;
  }

  async trace(contributor: string, over: { tags?: string[]; status?: string; metadata?: Record<string, unknown>; language?: string } = {}): Promise<string> {
    const [row] = await this.h.query<{ id: string }>(
      `INSERT INTO traces (title, context_text, solution_text, contributor_id, content_hash, tags, status, metadata, language)
       VALUES ('a trace', 'context', 'solution', $1, $2, $3, $4, $5, $6) RETURNING id`,
      [contributor, randomBytes(32).toString('hex'), over.tags ?? ['docker'], over.status ?? 'pending', JSON.stringify(over.metadata ?? {}), over.language ?? null],
    );
    return row.id;
  }

  async points(account: string): Promise<number> {
    const [row] = await this.h.query<{ points: number }>(`SELECT points FROM reputation WHERE account_id = $1`, [account]);
    return row ? Number(row.points) : 1;
  }

  async score(trace: string): Promise<ScoreRow> {
    const [row] = await this.h.query<ScoreRow>(`SELECT * FROM trace_scores WHERE trace_id = $1`, [trace]);
    return row;
  }
}

export const FEEDBACK = 'Worked on my machine after the upgrade, thanks.';
