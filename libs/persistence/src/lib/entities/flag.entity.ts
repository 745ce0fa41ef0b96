import { Column, CreateDateColumn, Entity, PrimaryGeneratedColumn, Unique } from 'typeorm';
import type { FlagCategory, FlagStatus } from '@commontrace/contracts';

/** A report that a trace is spam, harmful, incorrect, a duplicate or outdated. Owned by reputation. */
@Entity('flags')
@Unique('flags_trace_flagger_key', ['trace_id', 'flagger_id'])
export class FlagEntity {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ type: 'uuid' })
  trace_id: string;

  @Column({ type: 'uuid' })
  flagger_id: string;

  @Column({ type: 'text' })
  category: FlagCategory;

  @Column({ type: 'text' })
  reason: string;

  /** For a `duplicate` flag: the trace it duplicates (a vote to close it as that trace's duplicate). */
  @Column({ type: 'uuid', nullable: true })
  duplicate_of: string | null;

  /** The flagger's weight when the flag was raised. */
  @Column({ type: 'real' })
  weight: number;

  @Column({ type: 'text', default: 'open' })
  status: FlagStatus;

  @Column({ type: 'uuid', nullable: true })
  resolved_by: string | null;

  @Column({ type: 'timestamptz', nullable: true })
  resolved_at: Date | null;

  @CreateDateColumn({ type: 'timestamptz' })
  created_at: Date;
}
