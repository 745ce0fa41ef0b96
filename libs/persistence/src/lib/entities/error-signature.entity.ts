import { Column, Entity, Index, PrimaryColumn } from 'typeorm';

/**
 * One normalized error signature of a trace's title and context (an error code, or an
 * exception type with its message template). Owned by ingest, which rewrites a trace's rows
 * when it stores or amends it; search looks signatures up exactly.
 */
@Entity('error_signatures')
export class ErrorSignatureEntity {
  @PrimaryColumn({ type: 'text' })
  signature: string;

  @Index('error_signatures_trace_idx')
  @PrimaryColumn({ type: 'uuid' })
  trace_id: string;

  @Column({ type: 'text' })
  kind: 'code' | 'message';
}
