import { Column, CreateDateColumn, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';

/** An API key: only its hash is stored (see key_hash_scheme); the prefix is for display. Owned by the gateway. */
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

  /** How key_hash was made: `sha256` of the key, or `hmac-sha256` with the server's API_KEY_PEPPER. */
  @Column({ type: 'text', default: 'sha256' })
  key_hash_scheme: string;

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
