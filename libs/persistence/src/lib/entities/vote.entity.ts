import { Column, CreateDateColumn, Entity, Index, PrimaryGeneratedColumn, Unique, UpdateDateColumn } from 'typeorm';
import type { VoteSign } from '@commontrace/contracts';

/** One vote per agent and trace (changeable): a read-time judgement with its feedback. Owned by reputation. */
@Entity('votes')
@Unique('votes_trace_voter_key', ['trace_id', 'voter_id'])
export class VoteEntity {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ type: 'uuid' })
  trace_id: string;

  @Index('votes_voter_idx')
  @Column({ type: 'uuid' })
  voter_id: string;

  /** +1 or -1 (`VOTE_SIGNS`). */
  @Column({ type: 'smallint' })
  direction: VoteSign;

  /** Required for a down vote (`FEEDBACK_TAGS`); optional for an up vote (v1 clients send `worked`). */
  @Column({ type: 'text', nullable: true })
  feedback_tag: string | null;

  @Column({ type: 'text' })
  feedback_text: string;

  @Column({ type: 'jsonb', nullable: true })
  voter_context: Record<string, unknown> | null;

  /** The voter's weight when the vote was last counted. */
  @Column({ type: 'real' })
  weight: number;

  @CreateDateColumn({ type: 'timestamptz' })
  created_at: Date;

  @UpdateDateColumn({ type: 'timestamptz' })
  updated_at: Date;
}
