import { ReputationRecordVerification, VerificationOutcome } from '@commontrace/contracts';

export interface VerificationRow {
  id: string;
  trace_id: string;
  verifier_id: string;
  outcome: VerificationOutcome;
  environment: Record<string, unknown>;
  environment_key: string;
  changes: string | null;
  error_signature: string | null;
  trace_version: number;
  counted: boolean;
  weight: number;
  created_at: Date;
  updated_at: Date;
}

export function toVerificationView(v: VerificationRow): ReputationRecordVerification.VerificationView {
  return {
    id: v.id,
    trace_id: v.trace_id,
    verifier_id: v.verifier_id,
    outcome: v.outcome,
    environment: v.environment,
    environment_key: v.environment_key,
    changes: v.changes,
    error_signature: v.error_signature,
    trace_version: Number(v.trace_version),
    counted: v.counted,
    weight: Math.round(Number(v.weight) * 1e4) / 1e4,
    created_at: new Date(v.created_at).toISOString(),
    updated_at: new Date(v.updated_at).toISOString(),
  };
}
