import { Column, CreateDateColumn, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';

/** The ledger of every reputation change and why. Owned by reputation. */
@Entity('reputation_events')
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

  @CreateDateColumn({ type: 'timestamptz' })
  created_at: Date;
}
