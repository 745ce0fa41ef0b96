import { Column, CreateDateColumn, Entity, Index, PrimaryGeneratedColumn, Unique, UpdateDateColumn } from 'typeorm';
import type { VerificationOutcome } from '@commontrace/contracts';

/**
 * A use-time outcome: an agent applied the trace and reports whether it worked, on which
 * environment. One per agent, trace and environment (repeats update it). Owned by reputation.
 */
@Entity('verifications')
@Unique('verifications_trace_verifier_environment_key', ['trace_id', 'verifier_id', 'environment_key'])
export class VerificationEntity {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ type: 'uuid' })
  trace_id: string;

  @Index('verifications_verifier_idx')
  @Column({ type: 'uuid' })
  verifier_id: string;

  @Column({ type: 'text' })
  outcome: VerificationOutcome;

  /** Language, framework, package versions, runtime, OS, tool versions, as reported. */
  @Column({ type: 'jsonb' })
  environment: Record<string, unknown>;

  /** A normalized fingerprint of `environment`: what makes two verifications "the same environment". */
  @Column({ type: 'text' })
  environment_key: string;

  /** What had to change (required for `worked_with_changes`): offered to the owner as a draft amendment. */
  @Column({ type: 'text', nullable: true })
  changes: string | null;

  /** The error it resolved, as reported. */
  @Column({ type: 'text', nullable: true })
  error_signature: string | null;

  /** The trace version that was verified. */
  @Column({ type: 'int' })
  trace_version: number;

  /** False for a self-verification: recorded, never counted. */
  @Column({ type: 'boolean' })
  counted: boolean;

  @Column({ type: 'real' })
  weight: number;

  @CreateDateColumn({ type: 'timestamptz' })
  created_at: Date;

  @UpdateDateColumn({ type: 'timestamptz' })
  updated_at: Date;
}
