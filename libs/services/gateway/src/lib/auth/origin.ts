import { createHash } from 'node:crypto';
import { isIPv4, isIPv6 } from 'node:net';

/** The network an address belongs to, as far as one operator usually holds it: IPv4 /24, IPv6 /48. */
export function networkOf(address: string): string | null {
  const bare = address.replace(/^::ffff:/i, '');
  if (isIPv4(bare)) return `${bare.split('.').slice(0, 3).join('.')}.0/24`;
  if (!isIPv6(bare)) return null;
  const [head, tail = ''] = bare.toLowerCase().split('::');
  const left = head ? head.split(':') : [];
  const right = tail ? tail.split(':') : [];
  const groups = bare.includes('::') ? [...left, ...Array(8 - left.length - right.length).fill('0'), ...right] : left;
  return `${groups.slice(0, 3).map((g) => g.replace(/^0+(?=.)/, '')).join(':')}::/48`;
}

/**
 * The origin recorded on a new account: a hash of its client's network, never the address. Accounts
 * of one origin count as one agent in votes and verifications. Null when the address is unknown.
 */
export function registrationOrigin(address: string | undefined): string | null {
  const network = address ? networkOf(address) : null;
  return network ? createHash('sha256').update(`net:${network}`).digest('hex').slice(0, 32) : null;
}
