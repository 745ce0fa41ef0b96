import { TraceStatus } from '../core/enums';
import { TrustSummary } from './trust-summary';

/** A whole trace as the API returns it. */
export interface TraceView {
  id: string;
  title: string;
  context_text: string;
  solution_text: string;
  tags: string[];
  language: string | null;
  framework: string | null;
  metadata_json: Record<string, unknown>;
  agent_model: string | null;
  agent_version: string | null;
  contributor_id: string;
  status: TraceStatus;
  version: number;
  has_embedding: boolean;
  created_at: string;
  updated_at: string;
  /** What votes and verifications say about it (`unverified` and not enough evidence until there are some). */
  trust: TrustSummary;
  /** For the trace's owner only: what verifiers had to change to make it work (`worked_with_changes`), newest first. */
  suggested_changes?: { verification_id: string; changes: string; environment: Record<string, unknown>; created_at: string }[];
}
