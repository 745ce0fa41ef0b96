import { Column, CreateDateColumn, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';

/** An API key: only its SHA-256 is stored; the prefix is for display. Owned by the gateway. */
@Entity('api_keys')
export class ApiKeyEntity {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Index('api_keys_account_idx')
  @Column({ type: 'uuid' })
  account_id: string;

  @Index('api_keys_key_hash_key', { unique: true })
  @Column({ type: 'char', length: 64 })
  key_hash: string;

  @Column({ type: 'text' })
  prefix: string;

  @Column({ type: 'text', nullable: true })
  name: string | null;

  @CreateDateColumn({ type: 'timestamptz' })
  created_at: Date;

  @Column({ type: 'timestamptz', nullable: true })
  last_used_at: Date | null;

  @Column({ type: 'timestamptz', nullable: true })
  revoked_at: Date | null;

  /** What the key may do: `read`, `write`, `vote` (see the gateway's auth/scopes.ts). */
  @Column({ type: 'text', array: true, default: () => "'{read,write,vote}'" })
  scopes: string[];

  /** After this the key answers 401; null: never. Rotation sets it to the end of the grace period. */
  @Column({ type: 'timestamptz', nullable: true })
  expires_at: Date | null;
}
