/**
 * Near-duplicate judgement. Embeddings find candidates; this decides, from the two texts and
 * the vectors' similarity, how sure we are that a candidate describes the same problem with
 * the same fix. The answer is three-way, because a wrong refusal costs a contributor their
 * work while a missed duplicate only costs a link:
 * - `duplicate`: strong evidence (refused unless forced);
 * - `related`: the same area, maybe the same problem, not sure enough to refuse (stored and linked);
 * - `none`.
 *
 * The evidence (all pure, see code-tokens.ts, coding-lexicon.ts, fix-actions.ts and
 * error-signature.ts; prose words are normalized through the coding lexicon and stemmed first):
 * - the vectors' cosine similarity (it selects candidates; its fitted weight is 0);
 * - solution agreement: weighted token overlap of the two solutions, in all words and in
 *   code-like tokens only (the same fix names the same identifiers, flags and settings);
 * - fix-action agreement: overlap of what each fix brings in beyond its own problem
 *   (fixActions), alone and as the smaller of it and the problem overlap;
 * - problem-and-fix agreement: the smaller of the title+context and solution overlaps, so the
 *   same fix for another problem, or the same error with another fix, stays apart;
 * - overall code-token overlap;
 * - character-trigram agreement of the solutions, and of problem and solution together (they
 *   meet across inflections, compounds and re-spelled identifiers);
 * - penalties: the same title, or the same error-message template (errorTemplates), with other
 *   fix actions; the two name different error codes or exception types; a product's first
 *   named version differs (`Node 18` / `Node 20`).
 * They are combined by a logistic model whose weights were fitted on the tuning half of
 * tools/eval/duplicates/pairs.jsonl (npm run eval:duplicates:fit, agreement weights kept
 * non-negative and penalties non-positive) and checked on the held-out half (npm run eval:duplicates).
 */
import { codeTokens, jaccard, trigrams, weightedJaccard, weightedOverlap, WeightedTokens, weightedTokens } from './code-tokens';
import { conflicting, conflictingProductVersions, errorMarkers, errorTemplates, firstNamedVersions } from './error-signature';
import { fixActions } from './fix-actions';

export interface TraceText {
  title: string;
  context_text: string;
  solution_text: string;
}

export interface DuplicateThresholds {
  /** Minimum cosine similarity for a candidate to be judged at all (its scale depends on the model). */
  similarity: number;
  /** Minimum score to refuse the new trace as a duplicate. */
  duplicate: number;
  /** Minimum score to store the new trace linked `related` to the existing one. */
  related: number;
}

/**
 * Chosen on the tuning half of tools/eval/duplicates/pairs.jsonl with the offline embedding
 * (npm run eval:duplicates:fit): `duplicate` is the lowest score with precision ≥ 0.95 there out
 * of fold (4-fold cross-validation) that refuses none of the seed corpus's distinct traces,
 * `related` the score that keeps about four in five true duplicates linked. Figures for both
 * halves in docs/benchmarks.md.
 */
export const DEFAULT_DUPLICATE_THRESHOLDS: DuplicateThresholds = { similarity: 0.3, duplicate: 0.78, related: 0.45 };

export type DuplicateKind = 'duplicate' | 'related' | 'none';

export interface DuplicateEvidence {
  similarity: number;
  /** Title+context overlap (weighted, over the smaller side). */
  problem: number;
  /** Solution overlap (weighted, over the smaller side). */
  solution: number;
  /** Solution overlap (weighted Jaccard: the extra steps of one side count against it). */
  solutionJaccard: number;
  /** Overlap of the solutions' code-like tokens. */
  solutionCode: number;
  /** Overlap of all code-like tokens. */
  code: number;
  /** Jaccard of the solutions' character trigrams. */
  solutionTrigrams: number;
  /** Jaccard of the titles' and contexts' character trigrams. */
  problemTrigrams: number;
  /** Titles' overlap (weighted, over the smaller side). */
  title: number;
  /** Overlap of the error-message templates the problems quote (see errorTemplates), 0 when either quotes none. */
  errorTemplates: number;
  /** Overlap of what the fixes bring in beyond their problems (see fixActions); the solutions' overlap when either brings in nothing. */
  fixActions: number;
  /** The two name different error codes or exception types. */
  differentErrors: boolean;
  /** A product's first named version differs; the product's name. */
  differentVersion?: string;
}

export interface DuplicateVerdict {
  verdict: DuplicateKind;
  /** Probability-like confidence that the two are duplicates, 0..1. */
  score: number;
  similarity: number;
  /** Why a candidate was not refused, when it was not. */
  reason?: 'low_similarity' | 'low_score' | 'different_errors' | 'different_versions';
}

/** The features the logistic model weighs, each 0..1, from the evidence. */
export function duplicateFeatures(e: DuplicateEvidence) {
  return {
    similarity: e.similarity,
    solution: e.solution,
    solutionJaccard: e.solutionJaccard,
    solutionCode: e.solutionCode,
    code: e.code,
    problemAndSolution: Math.min(e.problem, e.solution),
    solutionTrigrams: e.solutionTrigrams,
    problemAndSolutionTrigrams: Math.min(e.problemTrigrams, e.solutionTrigrams),
    fixActions: e.fixActions,
    problemAndFixActions: Math.min(e.problem, e.fixActions),
    sameErrorOtherFix: e.errorTemplates * (1 - e.fixActions),
    sameTitleOtherFix: e.title * (1 - e.fixActions),
    differentErrors: e.differentErrors ? 1 : 0,
    differentVersion: e.differentVersion ? 1 : 0,
  };
}

export type DuplicateFeatures = ReturnType<typeof duplicateFeatures>;

export interface DuplicateModel {
  bias: number;
  weights: DuplicateFeatures;
}

/** Logistic weights over the features; fitted offline, see the module comment. */
export const DUPLICATE_MODEL: DuplicateModel = {
  bias: -1.47,
  weights: {
    similarity: 0,
    solution: 0.74,
    solutionJaccard: 0.4,
    solutionCode: 0.41,
    code: 0,
    problemAndSolution: 0.8,
    solutionTrigrams: 0.54,
    problemAndSolutionTrigrams: 0.57,
    fixActions: 1.29,
    problemAndFixActions: 1.29,
    sameErrorOtherFix: -0.87,
    sameTitleOtherFix: -1.86,
    differentErrors: -0.62,
    differentVersion: -1.7,
  },
};

function setOverlap(a: Set<string>, b: Set<string>): number {
  if (!a.size || !b.size) return 0;
  let shared = 0;
  for (const x of a) if (b.has(x)) shared += 1;
  return shared / Math.min(a.size, b.size);
}

/**
 * Each field is judged on its first 8,000 characters: a trace's problem and fix are stated
 * early, and the work per candidate stays bounded (tens of milliseconds for two maximal traces).
 */
export const JUDGED_CHARS = 8000;

function problemText(t: TraceText): string {
  return `${t.title}\n${t.context_text.slice(0, JUDGED_CHARS)}`;
}

function solutionText(t: TraceText): string {
  return t.solution_text.slice(0, JUDGED_CHARS);
}

/**
 * Overlap of two fixes' actions. A fix that brings in no code of its own (advice in prose) is
 * no evidence of another fix: then the solutions' word overlap stands in.
 */
function actionOverlap(a: Set<string>, b: Set<string>, solutionA: WeightedTokens, solutionB: WeightedTokens): number {
  return a.size && b.size ? setOverlap(a, b) : weightedOverlap(solutionA, solutionB);
}

/**
 * What the duplicate judgement reads of one trace, computed once per trace: a new contribution is
 * judged against several neighbours, and its side of the comparison is the same each time.
 */
export interface TraceProfile {
  problem: WeightedTokens;
  solution: WeightedTokens;
  title: WeightedTokens;
  solutionCode: Set<string>;
  code: Set<string>;
  solutionTrigrams: Set<string>;
  problemTrigrams: Set<string>;
  errorTemplates: Set<string>;
  fixActions: Set<string>;
  errorMarkers: ReturnType<typeof errorMarkers>;
  versions: ReturnType<typeof firstNamedVersions>;
}

export function traceProfile(t: TraceText): TraceProfile {
  const problem = problemText(t);
  const solution = solutionText(t);
  const solutionTokens = weightedTokens(solution);
  return {
    problem: weightedTokens(problem),
    solution: solutionTokens,
    title: weightedTokens(t.title),
    solutionCode: codeTokens(solutionTokens),
    code: codeTokens(weightedTokens(`${problem}\n${solution}`)),
    solutionTrigrams: trigrams(solution),
    problemTrigrams: trigrams(problem),
    errorTemplates: errorTemplates(problem),
    fixActions: fixActions(problem, solution),
    errorMarkers: errorMarkers(problem),
    versions: firstNamedVersions(problem),
  };
}

/** The evidence for two traces being the same, from their profiles and their vectors' similarity. */
export function profileEvidence(a: TraceProfile, b: TraceProfile, similarity: number): DuplicateEvidence {
  return {
    similarity,
    problem: weightedOverlap(a.problem, b.problem),
    solution: weightedOverlap(a.solution, b.solution),
    solutionJaccard: weightedJaccard(a.solution, b.solution),
    solutionCode: setOverlap(a.solutionCode, b.solutionCode),
    code: setOverlap(a.code, b.code),
    solutionTrigrams: jaccard(a.solutionTrigrams, b.solutionTrigrams),
    problemTrigrams: jaccard(a.problemTrigrams, b.problemTrigrams),
    title: weightedOverlap(a.title, b.title),
    errorTemplates: setOverlap(a.errorTemplates, b.errorTemplates),
    fixActions: actionOverlap(a.fixActions, b.fixActions, a.solution, b.solution),
    differentErrors: conflicting(a.errorMarkers, b.errorMarkers),
    differentVersion: conflictingProductVersions(a.versions, b.versions),
  };
}

/** The evidence for two traces being the same, from their texts and their vectors' similarity. */
export function duplicateEvidence(candidate: TraceText, existing: TraceText, similarity: number): DuplicateEvidence {
  return profileEvidence(traceProfile(candidate), traceProfile(existing), similarity);
}

/** The logistic score of the evidence, 0..1. */
export function duplicateScore(e: DuplicateEvidence, model: DuplicateModel = DUPLICATE_MODEL): number {
  const features = duplicateFeatures(e);
  let z = model.bias;
  for (const name of Object.keys(features) as (keyof DuplicateFeatures)[]) z += model.weights[name] * features[name];
  return 1 / (1 + Math.exp(-z));
}

/**
 * Judges a candidate against an existing trace. Different error codes or versions never refuse,
 * however high the score: at most they link the two as related.
 */
export function judgeDuplicate(
  candidate: TraceText | TraceProfile,
  existing: TraceText | TraceProfile,
  similarity: number,
  thresholds: DuplicateThresholds = DEFAULT_DUPLICATE_THRESHOLDS,
): DuplicateVerdict {
  const rounded = Number(similarity.toFixed(4));
  if (similarity < thresholds.similarity) return { verdict: 'none', score: 0, similarity: rounded, reason: 'low_similarity' };
  const profile = (t: TraceText | TraceProfile) => ('problemTrigrams' in t ? t : traceProfile(t));
  const evidence = profileEvidence(profile(candidate), profile(existing), similarity);
  return verdictOf(evidence, Number(duplicateScore(evidence).toFixed(4)), thresholds);
}

/** The verdict for evidence already scored: the thresholds, and the penalties that never refuse. */
export function verdictOf(evidence: DuplicateEvidence, score: number, thresholds: DuplicateThresholds): DuplicateVerdict {
  const verdict = { score, similarity: Number(evidence.similarity.toFixed(4)) };
  if (evidence.similarity < thresholds.similarity) return { verdict: 'none', score: 0, similarity: verdict.similarity, reason: 'low_similarity' };
  if (score < thresholds.related) return { ...verdict, verdict: 'none', reason: 'low_score' };
  if (evidence.differentErrors) return { ...verdict, verdict: 'related', reason: 'different_errors' };
  if (evidence.differentVersion) return { ...verdict, verdict: 'related', reason: 'different_versions' };
  if (score < thresholds.duplicate) return { ...verdict, verdict: 'related', reason: 'low_score' };
  return { ...verdict, verdict: 'duplicate' };
}
