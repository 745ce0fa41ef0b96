import { Column, CreateDateColumn, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';
import type { ModerationAction } from '@commontrace/contracts';

/** The audit log of moderation: who did what to which trace, and why. Owned by reputation. */
@Entity('moderation_actions')
@Index('moderation_actions_created_idx', ['created_at', 'id'])
export class ModerationActionEntity {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  /** The moderator; null when the system acted (weighted flags over the threshold). */
  @Column({ type: 'uuid', nullable: true })
  moderator_id: string | null;

  @Column({ type: 'text' })
  action: ModerationAction;

  @Column({ type: 'uuid' })
  trace_id: string;

  /** The other trace of a merge (the one a duplicate was merged into). */
  @Column({ type: 'uuid', nullable: true })
  related_trace_id: string | null;

  @Column({ type: 'text' })
  reason: string;

  @CreateDateColumn({ type: 'timestamptz' })
  created_at: Date;
}
