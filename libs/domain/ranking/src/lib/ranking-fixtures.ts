import { RankingCandidate } from './rerank';

/** A trust summary with no evidence, as reputation reports a new trace (for specs). */
export function newTrust(): RankingCandidate['trust'] {
  return {
    score: null,
    not_enough_evidence: true,
    buried: false,
    positive: 0,
    negative: 0,
    weighted_verifications: { worked_as_written: 0, worked_with_changes: 0, did_not_work: 0 },
    last_verified_at: null,
    environments: [],
  };
}

/** Trust with the given weighted evidence; `did_not_work` is the part of `negative` from failed verifications. */
export function evidenceTrust(positive: number, negative: number, extra: Partial<RankingCandidate['trust']> = {}): RankingCandidate['trust'] {
  return {
    ...newTrust(),
    not_enough_evidence: positive + negative < 1,
    positive,
    negative,
    weighted_verifications: { worked_as_written: positive, worked_with_changes: 0, did_not_work: negative },
    ...extra,
  };
}

export const SPEC_NOW = new Date('2026-06-01T00:00:00Z');

/** A pending candidate of today with no trust evidence; override what a spec is about. */
export function candidate(id: string, overrides: Partial<RankingCandidate> = {}): RankingCandidate {
  return {
    id,
    relevance: 1 / 61,
    retriever_ranks: { lexical: 1, vector: null },
    trust: newTrust(),
    status: 'pending',
    title: `trace ${id}`,
    tags: [],
    language: null,
    framework: null,
    metadata: {},
    created_at: SPEC_NOW,
    updated_at: SPEC_NOW,
    superseded_by: null,
    duplicate_group: null,
    ...overrides,
  };
}
