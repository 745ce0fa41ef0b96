import { Column, CreateDateColumn, Entity, PrimaryGeneratedColumn, Unique } from 'typeorm';
import type { LinkKind } from '@commontrace/contracts';

/** A typed relation between two traces and who made it. Owned by ingest. */
@Entity('trace_links')
@Unique('trace_links_source_target_kind_key', ['source_id', 'target_id', 'kind'])
export class TraceLinkEntity {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ type: 'uuid' })
  source_id: string;

  @Column({ type: 'uuid' })
  target_id: string;

  @Column({ type: 'text' })
  kind: LinkKind;

  @Column({ type: 'uuid' })
  created_by: string;

  @CreateDateColumn({ type: 'timestamptz' })
  created_at: Date;
}
