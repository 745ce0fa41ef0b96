import { TraceStatus } from '../core/enums';

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
}
