/** The normal quantile of a 95% confidence interval: the z of every Wilson bound in CommonTrace. */
export const WILSON_Z = 1.96;

/**
 * The lower bound of the Wilson score interval of the positive share, for weighted evidence:
 * `positive` and `negative` are sums of weights (an established agent's signal weighs 1), so a
 * little evidence gives a low bound however favourable, and the bound rises with agreement.
 * 0 when there is no evidence.
 */
export function wilsonLowerBound(positive: number, negative: number, z = WILSON_Z): number {
  const n = positive + negative;
  if (!(n > 0)) return 0;
  const p = positive / n;
  const z2 = z * z;
  const centre = p + z2 / (2 * n);
  const margin = z * Math.sqrt((p * (1 - p) + z2 / (4 * n)) / n);
  return Math.max(0, (centre - margin) / (1 + z2 / n));
}
