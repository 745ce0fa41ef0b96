import { Column, Entity, PrimaryColumn } from 'typeorm';

/** Requests per account, kind and time window (for quotas). Owned by the gateway. */
@Entity('usage_counters')
export class UsageCounterEntity {
  @PrimaryColumn({ type: 'uuid' })
  account_id: string;

  @PrimaryColumn({ type: 'text' })
  kind: string;

  @PrimaryColumn({ type: 'timestamptz' })
  window_start: Date;

  @Column({ type: 'int', default: 0 })
  count: number;
}
