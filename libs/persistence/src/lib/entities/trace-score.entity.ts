import { Column, Entity, PrimaryColumn, UpdateDateColumn } from 'typeorm';

/** Aggregated vote signal of a trace, read by search for ranking. Owned by reputation. */
@Entity('trace_scores')
export class TraceScoreEntity {
  @PrimaryColumn({ type: 'uuid' })
  trace_id: string;

  @Column({ type: 'real', default: 0 })
  weighted_up: number;

  @Column({ type: 'real', default: 0 })
  weighted_down: number;

  @Column({ type: 'real', default: 0 })
  trust: number;

  @Column({ type: 'int', default: 0 })
  confirmations: number;

  @Column({ type: 'timestamptz', nullable: true })
  last_confirmed_at: Date | null;

  @UpdateDateColumn({ type: 'timestamptz' })
  updated_at: Date;
}
