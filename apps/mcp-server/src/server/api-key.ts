/** The client's CommonTrace key from X-API-Key, or from Authorization: Bearer <key>. */
export function apiKeyFrom(headers: Record<string, string | string[] | undefined>): string | undefined {
  const first = (v: string | string[] | undefined) => (Array.isArray(v) ? v[0] : v)?.trim();
  const direct = first(headers['x-api-key']);
  if (direct) return direct;
  const auth = first(headers['authorization']);
  const match = auth ? /^bearer\s+(\S{1,512})$/i.exec(auth) : null;
  return match?.[1];
}
