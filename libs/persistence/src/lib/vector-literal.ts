import { VECTOR_COLUMN_DIMENSIONS } from './entities/trace-embedding.entity';

/** A pgvector literal for the embedding column, zero-padded to its width (cosine is unchanged by padding). */
export function toVectorLiteral(vector: number[], width = VECTOR_COLUMN_DIMENSIONS): string {
  if (vector.length > width) throw new Error(`vector has ${vector.length} dimensions; the column holds ${width}`);
  return `[${vector.join(',')}${vector.length < width ? ',0'.repeat(width - vector.length) : ''}]`;
}
