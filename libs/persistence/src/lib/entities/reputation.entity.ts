import { Column, Entity, PrimaryColumn, UpdateDateColumn } from 'typeorm';

/** A contributor's reputation points (never below 1). Owned by reputation. */
@Entity('reputation')
export class ReputationEntity {
  @PrimaryColumn({ type: 'uuid' })
  account_id: string;

  @Column({ type: 'int', default: 1 })
  points: number;

  @UpdateDateColumn({ type: 'timestamptz' })
  updated_at: Date;
}
