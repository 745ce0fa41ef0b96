import { Column, CreateDateColumn, Entity, Index, PrimaryGeneratedColumn, Unique, UpdateDateColumn } from 'typeorm';

/**
 * The ledger of reputation points: one row per source of points for an account (`vote:<id>`,
 * `verification:<id>`, `amendment:<id>`, …). A changed vote updates its row's delta, so points
 * (1 + the sum of deltas, never below 1) never drift. Owned by reputation.
 */
@Entity('reputation_events')
@Unique('reputation_events_source_key', ['account_id', 'source_key'])
export class ReputationEventEntity {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Index('reputation_events_account_idx')
  @Column({ type: 'uuid' })
  account_id: string;

  @Column({ type: 'int' })
  delta: number;

  @Column({ type: 'text' })
  reason: string;

  @Column({ type: 'uuid', nullable: true })
  trace_id: string | null;

  @Column({ type: 'uuid', nullable: true })
  source_event_id: string | null;

  /** What the points are for; unique per account. */
  @Column({ type: 'text' })
  source_key: string;

  @CreateDateColumn({ type: 'timestamptz' })
  created_at: Date;

  @UpdateDateColumn({ type: 'timestamptz' })
  updated_at: Date;
}
