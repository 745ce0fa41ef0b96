import { TraceStanding } from '@commontrace/contracts';
import { isNewerEnvironment } from './environment';
import { ScoredSignal } from './trust-summary';

/** Independent groups with a counted verification that worked on the current version, to be `validated`. */
export const VALIDATE_AFTER = 3;
/** The same while the corpus is young (fewer traces than YOUNG_CORPUS_TRACES). */
export const VALIDATE_AFTER_YOUNG = 2;
export const YOUNG_CORPUS_TRACES = 1000;
/** The least evidence that makes a trace stale (an established agent's vote weighs 1). */
export const STALE_MIN_WEIGHT = 1;

export interface StandingDecision {
  standing: Exclude<TraceStanding, 'hidden'>;
  reason: string;
}

/**
 * The standing the evidence earns (never `hidden`: only flags and moderators hide), first match:
 * - `disputed`: failed verifications of the current version, on environments no newer than the
 *   ones it worked on, outweigh the verifications of the current version that worked;
 * - `stale`: failed verifications of the current version on environments newer than every one it
 *   worked on weigh at least STALE_MIN_WEIGHT, or most of the down-vote weight says `outdated`
 *   and the down votes (at least STALE_MIN_WEIGHT) outweigh the up votes;
 * - `validated`: at least `validateAfter` independent groups verified the current version worked;
 * - `pending` otherwise.
 */
export function decideStanding(scored: ScoredSignal[], currentVersion: number, validateAfter: number): StandingDecision {
  const current = scored.filter((s) => s.kind === 'verification' && s.traceVersion === currentVersion);
  const worked = current.filter((s) => s.direction > 0);
  const failed = current.filter((s) => s.direction < 0);
  const workedEnvs = scored.filter((s) => s.kind === 'verification' && s.direction > 0 && s.environment).map((s) => s.environment as object);
  const newer = failed.filter((s) => s.environment && isNewerEnvironment(s.environment, workedEnvs));
  const weight = (xs: ScoredSignal[]) => xs.reduce((a, s) => a + s.weight, 0);
  const positive = weight(worked);
  const failedSame = weight(failed) - weight(newer);
  const eps = 1e-9;
  if (failedSame > positive + eps) return { standing: 'disputed', reason: 'failed verifications of the current version outweigh those that worked' };
  if (weight(newer) + eps >= STALE_MIN_WEIGHT) return { standing: 'stale', reason: 'it failed on versions newer than any it was verified on' };
  const downs = scored.filter((s) => s.kind === 'vote' && s.direction < 0);
  const ups = scored.filter((s) => s.kind === 'vote' && s.direction > 0);
  const outdated = weight(downs.filter((s) => s.feedbackTag === 'outdated'));
  if (weight(downs) + eps >= STALE_MIN_WEIGHT && outdated * 2 > weight(downs) && weight(downs) > weight(ups))
    return { standing: 'stale', reason: 'most down votes say it is outdated' };
  const groups = new Set(worked.map((s) => s.group)).size;
  if (groups >= validateAfter) return { standing: 'validated', reason: `${groups} independent agents verified that it works` };
  return { standing: 'pending', reason: 'not enough independent verifications yet' };
}

/** How many independent verifications validate a trace, lower while the corpus is young. */
export function validateAfter(corpusTraces: number, after = VALIDATE_AFTER, afterYoung = VALIDATE_AFTER_YOUNG, youngBelow = YOUNG_CORPUS_TRACES): number {
  return corpusTraces < youngBelow ? afterYoung : after;
}
