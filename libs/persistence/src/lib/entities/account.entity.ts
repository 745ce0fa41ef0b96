import { Column, CreateDateColumn, Entity, PrimaryGeneratedColumn } from 'typeorm';
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

  @CreateDateColumn({ type: 'timestamptz' })
  created_at: Date;
}
