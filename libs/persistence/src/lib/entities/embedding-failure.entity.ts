import { Column, Entity, PrimaryColumn } from 'typeorm';

/**
 * A trace the provider of a model failed on. After a few attempts on the same content it is
 * set aside (`set_aside_at`): sweeps and backfills skip it until its text changes. Owned by embedding.
 */
@Entity('embedding_failures')
export class EmbeddingFailureEntity {
  @PrimaryColumn({ type: 'uuid' })
  trace_id: string;

  @PrimaryColumn({ type: 'text' })
  model: string;

  /** The content the failures were on; new content starts counting again. */
  @Column({ type: 'char', length: 64 })
  content_hash: string;

  @Column({ type: 'int' })
  attempts: number;

  @Column({ type: 'text' })
  last_error: string;

  @Column({ type: 'timestamptz', default: () => 'now()' })
  first_failed_at: Date;

  @Column({ type: 'timestamptz', default: () => 'now()' })
  last_failed_at: Date;

  @Column({ type: 'timestamptz', nullable: true })
  set_aside_at: Date | null;
}
