import { Column, Entity, Index, PrimaryColumn, PrimaryGeneratedColumn, Unique } from 'typeorm';

/**
 * A question searches left open (no result, or only weak ones), aggregated by its normalized
 * key. The display text is the first asking, with personal data redacted; a query holding a
 * credential is never stored. Owned by search.
 */
@Entity('wanted_queries')
@Unique('wanted_queries_normalized_query_key', ['normalized_query'])
export class WantedQueryEntity {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ type: 'text' })
  normalized_query: string;

  @Column({ type: 'text' })
  display_text: string;

  /** Distinctive terms of the question (GIN-indexed): how a new trace finds the questions it may answer. */
  @Index('wanted_queries_terms_idx', { synchronize: false })
  @Column({ type: 'text', array: true, default: () => "'{}'" })
  terms: string[];

  /** How many searches asked it. */
  @Column({ type: 'int', default: 1 })
  count: number;

  @Column({ type: 'timestamptz', default: () => 'now()' })
  first_seen_at: Date;

  @Column({ type: 'timestamptz', default: () => 'now()' })
  last_seen_at: Date;

  @Column({ type: 'uuid', nullable: true })
  answered_by: string | null;

  @Column({ type: 'timestamptz', nullable: true })
  answered_at: Date | null;
}

/** One searcher (a SHA-256 of its id, never the id) who asked a wanted question: counts distinct searchers. */
@Entity('wanted_query_searchers')
export class WantedQuerySearcherEntity {
  @PrimaryColumn({ type: 'uuid' })
  wanted_id: string;

  @PrimaryColumn({ type: 'char', length: 64 })
  searcher_hash: string;
}
