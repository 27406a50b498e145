import { BlockList, isIP } from 'node:net';

/**
 * Who a client is, for the limits that count per client: its IPv4 address, or the /64 network
 * of its IPv6 address (one subscriber's LAN; a host can take any address in it, so counting
 * whole addresses would hand an attacker 2^64 fresh buckets).
 */
export function clientKey(address: string | undefined): string {
  const plain = plainAddress(address ?? '');
  if (isIP(plain) !== 6) return plain;
  return `${expandIpv6(plain).slice(0, 4).join(':')}::/64`;
}

/** An IPv4-mapped IPv6 address (how a dual-stack socket reports IPv4) as plain IPv4. */
export function plainAddress(address: string): string {
  const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/i.exec(address);
  return mapped?.[1] ?? address.replace(/%.*$/, '');
}

/** True for a host name or address only this machine can reach. */
export function isLoopbackHost(host: string): boolean {
  const plain = plainAddress(host.replace(/^\[|\]$/g, ''));
  if (plain === 'localhost') return true;
  if (isIP(plain) === 4) return plain.startsWith('127.');
  if (isIP(plain) === 6)
    return expandIpv6(plain).join(':') === '0000:0000:0000:0000:0000:0000:0000:0001';
  return false;
}

/** What SIDECAR_TRUST_PROXY=true means: a proxy on this machine, nothing else. */
export const LOOPBACK_PROXIES = ['127.0.0.0/8', '::1/128'];

/**
 * Reads a comma-separated list of addresses and CIDRs (`10.0.0.5, 10.1.0.0/16, fd00::/8`);
 * throws naming the entry that is not one.
 */
export function parseAddressList(text: string): string[] {
  const entries = text
    .split(',')
    .map((entry) => entry.trim())
    .filter(Boolean);
  for (const entry of entries) {
    const [address = '', prefix, extra] = entry.split('/');
    const family = isIP(address);
    const bits = family === 4 ? 32 : 128;
    const prefixFits = prefix === undefined || (/^\d{1,3}$/.test(prefix) && Number(prefix) <= bits);
    if (family === 0 || !prefixFits || extra !== undefined) {
      throw new Error(`"${entry}" is not an IP address or CIDR.`);
    }
  }
  return entries;
}

/** A test for "is this socket address one of these addresses/CIDRs". */
export function addressMatcher(entries: string[]): (address: string) => boolean {
  const list = new BlockList();
  for (const entry of entries) {
    const [address = '', prefix] = entry.split('/');
    const type = isIP(address) === 6 ? 'ipv6' : 'ipv4';
    if (prefix === undefined) list.addAddress(address, type);
    else list.addSubnet(address, Number(prefix), type);
  }
  return (address) => {
    const plain = plainAddress(address);
    const family = isIP(plain);
    return family !== 0 && list.check(plain, family === 6 ? 'ipv6' : 'ipv4');
  };
}

/** The eight 4-digit groups of an IPv6 address (an embedded IPv4 tail becomes two groups). */
function expandIpv6(address: string): string[] {
  let text = address.toLowerCase();
  const ipv4Tail = /(\d+)\.(\d+)\.(\d+)\.(\d+)$/.exec(text);
  if (ipv4Tail) {
    const [a, b, c, d] = ipv4Tail.slice(1).map(Number) as [number, number, number, number];
    text = `${text.slice(0, ipv4Tail.index)}${((a << 8) | b).toString(16)}:${((c << 8) | d).toString(16)}`;
  }
  const [head = '', tail] = text.split('::');
  const headGroups = head ? head.split(':') : [];
  const tailGroups = tail ? tail.split(':') : [];
  const groups =
    tail === undefined
      ? headGroups
      : [
          ...headGroups,
          ...Array(8 - headGroups.length - tailGroups.length).fill('0'),
          ...tailGroups,
        ];
  return groups.map((group) => group.padStart(4, '0'));
}
