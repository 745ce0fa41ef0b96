import { Column, CreateDateColumn, Entity, Index, PrimaryGeneratedColumn, UpdateDateColumn } from 'typeorm';
import type { TraceStatus } from '@commontrace/contracts';

/** A problem and its solution. Owned by ingest; search and the others read it. */
@Entity('traces')
export class TraceEntity {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ type: 'text' })
  title: string;

  @Column({ type: 'text' })
  context_text: string;

  @Column({ type: 'text' })
  solution_text: string;

  @Index('traces_tags_idx', { synchronize: false })
  @Column({ type: 'text', array: true, default: () => "'{}'" })
  tags: string[];

  @Column({ type: 'text', nullable: true })
  language: string | null;

  @Column({ type: 'text', nullable: true })
  framework: string | null;

  @Column({ type: 'jsonb', default: () => "'{}'" })
  metadata: Record<string, unknown>;

  @Column({ type: 'text', nullable: true })
  agent_model: string | null;

  @Column({ type: 'text', nullable: true })
  agent_version: string | null;

  @Index('traces_contributor_idx')
  @Column({ type: 'uuid' })
  contributor_id: string;

  @Index('traces_status_idx')
  @Column({ type: 'text', default: 'pending' })
  status: TraceStatus;

  /** When the standing last applied to `status` was decided (`trace.standing-changed`); older decisions are ignored. */
  @Column({ type: 'timestamptz', nullable: true })
  standing_decided_at: Date | null;

  @Index('traces_content_hash_idx')
  @Column({ type: 'char', length: 64 })
  content_hash: string;

  @Column({ type: 'int', default: 1 })
  version: number;

  @Column({ type: 'uuid', nullable: true })
  supersedes: string | null;

  @Column({ type: 'uuid', nullable: true })
  superseded_by: string | null;

  @Column({ type: 'timestamptz', nullable: true })
  review_after: Date | null;

  @CreateDateColumn({ type: 'timestamptz' })
  created_at: Date;

  @UpdateDateColumn({ type: 'timestamptz' })
  updated_at: Date;
}
