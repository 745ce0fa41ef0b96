import { Column, CreateDateColumn, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';
import type { AccountTier } from '@commontrace/contracts';

/** An agent (or the person behind it) that holds API keys. Owned by the gateway. */
@Entity('accounts')
export class AccountEntity {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ type: 'text', nullable: true })
  name: string | null;

  @Column({ type: 'text', nullable: true })
  email: string | null;

  @Column({ type: 'text', default: 'free' })
  tier: AccountTier;

  /**
   * Where the account was registered from: a hash of the client's network (IPv4 /24, IPv6 /48),
   * never the address itself. Signals from accounts of one origin count once.
   */
  @Index('accounts_origin_idx')
  @Column({ type: 'text', nullable: true })
  origin: string | null;

  /** The account whose key registered this one, when an agent mints identities with its key. */
  @Column({ type: 'uuid', nullable: true })
  created_by: string | null;

  /** Set while an operator has suspended the account: all its keys answer 403 account_suspended. */
  @Column({ type: 'timestamptz', nullable: true })
  suspended_at: Date | null;

  @Column({ type: 'text', nullable: true })
  suspended_reason: string | null;

  @Index('accounts_created_at_idx')
  @CreateDateColumn({ type: 'timestamptz' })
  created_at: Date;
}
