import { Column, CreateDateColumn, Entity, PrimaryColumn } from 'typeorm';
import type { EmbeddingModelState } from '@commontrace/contracts';

/**
 * The embedding models the system has used. One serves queries at a time; a newly configured
 * model is `building` until every trace has its vector, then it takes over. Owned by embedding.
 */
@Entity('embedding_models')
export class EmbeddingModelEntity {
  /** What trace_embeddings.model holds, e.g. `text-embedding-3-small@512` or `offline-hash-v1`. */
  @PrimaryColumn({ type: 'text' })
  model: string;

  /** offline | openai | openai-compatible | local */
  @Column({ type: 'text' })
  provider: string;

  /** The name the provider knows the model by. */
  @Column({ type: 'text' })
  provider_model: string;

  @Column({ type: 'int', nullable: true })
  requested_dimensions: number | null;

  @Column({ type: 'text' })
  state: EmbeddingModelState;

  @CreateDateColumn({ type: 'timestamptz' })
  created_at: Date;

  @Column({ type: 'timestamptz', nullable: true })
  serving_since: Date | null;

  /** When it last started building: it must cover the traces created before then to serve. */
  @Column({ type: 'timestamptz', nullable: true })
  building_since: Date | null;
}
