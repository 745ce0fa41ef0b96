import { Column, CreateDateColumn, Entity, PrimaryGeneratedColumn } from 'typeorm';

export const ACCOUNT_TIERS = ['free', 'pro', 'team'] as const;
export type AccountTier = (typeof ACCOUNT_TIERS)[number];

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
