import { CreateDateColumn, Entity, PrimaryColumn } from 'typeorm';

/** Event ids a consumer has applied: a redelivered event is recognized and skipped. */
@Entity('processed_events')
export class ProcessedEventEntity {
  @PrimaryColumn({ type: 'text' })
  consumer: string;

  @PrimaryColumn({ type: 'uuid' })
  event_id: string;

  @CreateDateColumn({ type: 'timestamptz' })
  processed_at: Date;
}
