/**
 * Neither Nest's NATS transport nor ours carries reply headers (Nest's server publishes
 * `{response, id}` packets without headers, and its client drops the headers of a reply), so a
 * stored answer travels back wrapped in this envelope. Only a caller that sent an idempotency
 * key unwraps it, and it tells the gateway to answer `Idempotent-Replayed: true`.
 */
const REPLAYED = 'ct_idempotent_replay';

export function wrapReplayed(value: unknown): Record<string, unknown> {
  return { [REPLAYED]: value ?? null };
}

export function unwrapReplayed(reply: unknown): { value: unknown; replayed: boolean } {
  if (typeof reply === 'object' && reply !== null && !Array.isArray(reply)) {
    const keys = Object.keys(reply);
    if (keys.length === 1 && keys[0] === REPLAYED) return { value: (reply as Record<string, unknown>)[REPLAYED], replayed: true };
  }
  return { value: reply, replayed: false };
}
