import { Column, CreateDateColumn, Entity, PrimaryColumn } from 'typeorm';

/** Events written in the same transaction as the change they describe; the relay publishes them. */
@Entity('outbox')
export class OutboxEntity {
  /** The event id: Nats-Msg-Id on the stream and the consumers' dedup key. */
  @PrimaryColumn({ type: 'uuid' })
  id: string;

  @Column({ type: 'text' })
  subject: string;

  @Column({ type: 'jsonb' })
  payload: Record<string, unknown>;

  @Column({ type: 'jsonb', default: () => "'{}'" })
  headers: Record<string, string>;

  @CreateDateColumn({ type: 'timestamptz' })
  created_at: Date;

  /** Not published before this time: a claim's lease, or the back-off after a failed publish. */
  @Column({ type: 'timestamptz', default: () => 'now()' })
  available_at: Date;

  @Column({ type: 'timestamptz', nullable: true })
  sent_at: Date | null;

  @Column({ type: 'int', default: 0 })
  attempts: number;

  @Column({ type: 'text', nullable: true })
  last_error: string | null;
}
