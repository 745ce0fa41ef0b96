import { Column, CreateDateColumn, Entity, PrimaryGeneratedColumn, Unique, UpdateDateColumn } from 'typeorm';
import type { VoteSign } from '@commontrace/contracts';

/** One vote per agent and trace (changeable), with its contextual feedback. Owned by reputation. */
@Entity('votes')
@Unique('votes_trace_voter_key', ['trace_id', 'voter_id'])
export class VoteEntity {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ type: 'uuid' })
  trace_id: string;

  @Column({ type: 'uuid' })
  voter_id: string;

  /** +1 or -1 (`VOTE_SIGNS`). */
  @Column({ type: 'smallint' })
  direction: VoteSign;

  @Column({ type: 'real' })
  weight: number;

  @Column({ type: 'text' })
  outcome: string;

  @Column({ type: 'text' })
  feedback: string;

  @Column({ type: 'jsonb', nullable: true })
  voter_context: Record<string, unknown> | null;

  @CreateDateColumn({ type: 'timestamptz' })
  created_at: Date;

  @UpdateDateColumn({ type: 'timestamptz' })
  updated_at: Date;
}
