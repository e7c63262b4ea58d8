import { isIP } from 'node:net';

/**
 * The key a client address is throttled under: an IPv4 address as it is (an IPv4-mapped IPv6 address
 * as its IPv4), an IPv6 address by its /64 (one subscriber's network: a host picks any address in it).
 */
export function clientKey(address: string | undefined): string {
  if (!address) return 'unknown';
  const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/i.exec(address);
  if (mapped) return mapped[1];
  if (isIP(address) !== 6) return address;
  const zoneless = address.split('%')[0].toLowerCase();
  const [head, tail = ''] = zoneless.split('::');
  const headParts = head ? head.split(':') : [];
  const tailParts = zoneless.includes('::') ? (tail ? tail.split(':') : []) : [];
  // A trailing dotted IPv4 takes two groups.
  const groups = zoneless.includes('::')
    ? [...headParts, ...Array<string>(8 - headParts.length - tailParts.length).fill('0'), ...tailParts]
    : headParts;
  return `${groups
    .slice(0, 4)
    .map((g) => g.replace(/^0+(?=.)/, ''))
    .join(':')}::/64`;
}
