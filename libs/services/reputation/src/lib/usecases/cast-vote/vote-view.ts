import { ReputationCastVote } from '@commontrace/contracts';

export interface VoteRow {
  id: string;
  trace_id: string;
  voter_id: string;
  direction: number;
  feedback_tag: string | null;
  feedback_text: string;
  voter_context: Record<string, unknown> | null;
  weight: number;
  created_at: Date;
  updated_at: Date;
}

export function toVoteView(v: VoteRow): ReputationCastVote.VoteView {
  return {
    id: v.id,
    trace_id: v.trace_id,
    voter_id: v.voter_id,
    vote_type: Number(v.direction) > 0 ? 'up' : 'down',
    feedback_tag: v.feedback_tag,
    feedback_text: v.feedback_text,
    voter_context: v.voter_context,
    weight: Math.round(Number(v.weight) * 1e4) / 1e4,
    created_at: new Date(v.created_at).toISOString(),
    updated_at: new Date(v.updated_at).toISOString(),
  };
}
