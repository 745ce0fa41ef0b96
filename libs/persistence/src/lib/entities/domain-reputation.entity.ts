import { Column, Entity, PrimaryColumn, UpdateDateColumn } from 'typeorm';

/** Per-tag track record of a contributor (weighted up/down and its Wilson lower bound). Owned by reputation. */
@Entity('domain_reputation')
export class DomainReputationEntity {
  @PrimaryColumn({ type: 'uuid' })
  account_id: string;

  @PrimaryColumn({ type: 'text' })
  tag: string;

  @Column({ type: 'real', default: 0 })
  up: number;

  @Column({ type: 'real', default: 0 })
  down: number;

  @Column({ type: 'real', default: 0 })
  wilson: number;

  @UpdateDateColumn({ type: 'timestamptz' })
  updated_at: Date;
}
