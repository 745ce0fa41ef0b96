/** What a brand-new agent's signal weighs next to an established agent's (1): about one eighth. */
export const NEW_AGENT_WEIGHT = 1 / 8;

/**
 * The weight of an agent's vote, verification or flag on a trace, from its reputation in the
 * trace's domain (the Wilson lower bound of how its own traces in those tags were received, 0..1):
 * NEW_AGENT_WEIGHT with no track record, rising linearly to 1 for an unquestioned expert.
 */
export function signalWeight(domainReputation: number, floor = NEW_AGENT_WEIGHT): number {
  const r = Number.isFinite(domainReputation) ? Math.min(1, Math.max(0, domainReputation)) : 0;
  return floor + (1 - floor) * r;
}
