import { Column, Entity, Index, PrimaryColumn, UpdateDateColumn } from 'typeorm';
import type { TraceStanding, TrustLabel, TrustSummary } from '@commontrace/contracts';

/**
 * The evidence about a trace and the trust it earns, updated atomically with every vote and
 * verification; search reads it for ranking. Owned by reputation.
 */
@Entity('trace_scores')
export class TraceScoreEntity {
  @PrimaryColumn({ type: 'uuid' })
  trace_id: string;

  /** Weighted up and down votes (independent origins counted once). */
  @Column({ type: 'real', default: 0 })
  weighted_up: number;

  @Column({ type: 'real', default: 0 })
  weighted_down: number;

  /** Weighted counted verifications, by outcome. */
  @Column({ type: 'real', default: 0 })
  worked: number;

  @Column({ type: 'real', default: 0 })
  worked_with_changes: number;

  @Column({ type: 'real', default: 0 })
  did_not_work: number;

  /** The weighted Wilson lower bound (z = 1.96) of the positive share of the evidence, 0..1. */
  @Column({ type: 'real', default: 0 })
  trust: number;

  /** The total weight behind `trust`; under the configured minimum the summary says "not enough evidence". */
  @Column({ type: 'real', default: 0 })
  evidence: number;

  @Column({ type: 'int', default: 0 })
  independent_agents: number;

  @Column({ type: 'text', default: 'unverified' })
  label: TrustLabel;

  /** The standing the evidence (or moderation) earns; ingest applies it to `traces.status`. */
  @Column({ type: 'text', default: 'pending' })
  standing: TraceStanding;

  @Column({ type: 'timestamptz', nullable: true })
  last_verified_at: Date | null;

  /** The environments it was verified on (distinct, most recent first, bounded). */
  @Column({ type: 'jsonb', default: () => "'[]'" })
  environments: Record<string, unknown>[];

  /** The whole summary the API shows (null until first scored). */
  @Column({ type: 'jsonb', nullable: true })
  summary: TrustSummary | null;

  /** Strongly negative evidence: left out of default search. */
  @Column({ type: 'boolean', default: false })
  buried: boolean;

  /** Independent groups for and against (unweighted): domain reputation sums them per tag. */
  @Column({ type: 'int', default: 0 })
  up_groups: number;

  @Column({ type: 'int', default: 0 })
  down_groups: number;

  @Index('trace_scores_updated_idx')
  @UpdateDateColumn({ type: 'timestamptz' })
  updated_at: Date;
}
