import { Column, CreateDateColumn, Entity, Index, PrimaryColumn, UpdateDateColumn } from 'typeorm';

/** Width of the vector column. Models with fewer dimensions are zero-padded (cosine is unchanged). */
export const VECTOR_COLUMN_DIMENSIONS = 1536;

/** One vector per trace and model; queries compare only vectors of the same model. Owned by embedding. */
@Entity('trace_embeddings')
export class TraceEmbeddingEntity {
  @PrimaryColumn({ type: 'uuid' })
  trace_id: string;

  @Index('trace_embeddings_model_idx')
  @PrimaryColumn({ type: 'text' })
  model: string;

  @Column({ type: 'text' })
  provider: string;

  @Column({ type: 'int' })
  dimensions: number;

  /** HNSW cosine index created in the migration (raw SQL), hence synchronize: false. */
  @Index('trace_embeddings_hnsw_idx', { synchronize: false })
  @Column({ type: 'vector', length: VECTOR_COLUMN_DIMENSIONS })
  embedding: string;

  @Column({ type: 'char', length: 64 })
  content_hash: string;

  @CreateDateColumn({ type: 'timestamptz' })
  created_at: Date;

  @UpdateDateColumn({ type: 'timestamptz' })
  updated_at: Date;
}
