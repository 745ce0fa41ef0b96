import { isIP } from 'node:net';

/** The names Express (proxy-addr) knows for address ranges. */
const RANGE_NAMES = ['loopback', 'linklocal', 'uniquelocal'];

/**
 * TRUST_PROXY as Express's `trust proxy` setting takes it: unset or `false`, no proxy is trusted
 * (the client address is the peer's, X-Forwarded-For is ignored); a number, that many hops in
 * front of the gateway are trusted; otherwise a comma-separated list of proxy addresses, CIDR
 * ranges and the names `loopback`, `linklocal`, `uniquelocal`. Trusting every hop (`true`) is
 * refused: any client could then choose its own address.
 */
export function parseTrustProxy(raw: string | undefined): { value: false | number | string[]; problems: string[] } {
  const text = raw?.trim() ?? '';
  if (text === '' || text === 'false') return { value: false, problems: [] };
  if (/^\d+$/.test(text)) return { value: Number(text), problems: [] };
  if (text === 'true') {
    return { value: false, problems: ['TRUST_PROXY: `true` would let any client choose its address; name the proxies, or give the number of hops'] };
  }
  const entries = text
    .split(',')
    .map((entry) => entry.trim())
    .filter((entry) => entry !== '');
  const problems = entries.filter((entry) => !isTrustEntry(entry)).map((entry) => `TRUST_PROXY: ${JSON.stringify(entry)} is not an address, a CIDR range or one of ${RANGE_NAMES.join(', ')}`);
  return { value: problems.length ? false : entries, problems };
}

function isTrustEntry(entry: string): boolean {
  if (RANGE_NAMES.includes(entry)) return true;
  const [address, bits, ...rest] = entry.split('/');
  const family = isIP(address);
  if (!family || rest.length) return false;
  if (bits === undefined) return true;
  return /^\d+$/.test(bits) && Number(bits) <= (family === 4 ? 32 : 128);
}
