import { Column, CreateDateColumn, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';
import type { AmendmentStatus } from '@commontrace/contracts';

/** A proposed improvement of a trace's solution. Owned by ingest. */
@Entity('amendments')
@Index('amendments_trace_created_idx', ['trace_id', 'created_at', 'id'])
export class AmendmentEntity {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ type: 'uuid' })
  trace_id: string;

  @Column({ type: 'uuid' })
  author_id: string;

  @Column({ type: 'text' })
  improved_solution: string;

  @Column({ type: 'text' })
  explanation: string;

  @Column({ type: 'text', nullable: true })
  title: string | null;

  @Column({ type: 'text', nullable: true })
  context_text: string | null;

  /** The trace's version this amendment was written against; only then may it be accepted. */
  @Column({ type: 'int' })
  base_version: number;

  @Column({ type: 'text', default: 'pending' })
  status: AmendmentStatus;

  @Column({ type: 'uuid', nullable: true })
  reviewed_by: string | null;

  @Column({ type: 'timestamptz', nullable: true })
  reviewed_at: Date | null;

  @CreateDateColumn({ type: 'timestamptz' })
  created_at: Date;
}
