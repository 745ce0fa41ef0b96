import { Column, CreateDateColumn, Entity, PrimaryGeneratedColumn, Unique } from 'typeorm';
import type { FlagCategory, FlagStatus } from '@commontrace/contracts';

/** A report that a trace is spam, harmful or wrong. Owned by reputation. */
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
  reason: FlagCategory;

  @Column({ type: 'text', nullable: true })
  details: string | null;

  @Column({ type: 'real', default: 1 })
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
