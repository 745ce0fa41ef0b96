import { Column, CreateDateColumn, Entity, Index, PrimaryColumn } from 'typeorm';

/**
 * The committed answer of a write sent with an Idempotency-Key, replayed to retries for 24 hours.
 * Written by the service that does the write, in the same transaction (messaging's UnitOfWork with
 * `idempotent: true`); the primary key is the unique constraint that forbids a second write.
 */
@Entity('idempotency_keys')
export class IdempotencyKeyEntity {
  @PrimaryColumn({ type: 'uuid' })
  account_id: string;

  @PrimaryColumn({ type: 'text' })
  key: string;

  /** SHA-256 of method, path and body: the same key with another request is refused. */
  @Column({ type: 'char', length: 64 })
  request_hash: string;

  /** The write's reply as it was sent (json keeps its field order). */
  @Column({ type: 'json' })
  response: unknown;

  @Index('idempotency_keys_created_at_idx')
  @CreateDateColumn({ type: 'timestamptz' })
  created_at: Date;
}
