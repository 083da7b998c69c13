// Webhook URLs are the partner's to choose, and the app calls them from inside Azure: without a check, a URL naming
// (or a host name resolving to) a private, loopback or link-local address would make the app call its own network —
// the instance metadata endpoint at 169.254.169.254, a VNet neighbour (server-side request forgery). The check runs
// twice: on the URL when it is registered (an address written in it), and on the address a delivery actually connects
// to (a host name resolved at that moment, so a name that later points inside is refused too).
import { BlockList, isIP } from 'node:net';

const notPublic = new BlockList();
for (const [network, prefix] of [
  ['0.0.0.0', 8], // "this network"
  ['10.0.0.0', 8],
  ['100.64.0.0', 10], // carrier-grade NAT
  ['127.0.0.0', 8],
  ['169.254.0.0', 16], // link-local, the cloud metadata endpoints
  ['172.16.0.0', 12],
  ['192.0.0.0', 24],
  ['192.0.2.0', 24],
  ['192.168.0.0', 16],
  ['198.18.0.0', 15],
  ['198.51.100.0', 24],
  ['203.0.113.0', 24],
  ['224.0.0.0', 4], // multicast
  ['240.0.0.0', 4], // reserved, broadcast
] as const) {
  notPublic.addSubnet(network, prefix, 'ipv4');
}
for (const [network, prefix] of [
  ['::', 128],
  ['::1', 128],
  ['64:ff9b::', 96], // NAT64 of IPv4 addresses
  ['100::', 64], // discard
  ['2001:db8::', 32], // documentation
  ['fc00::', 7], // unique local
  ['fe80::', 10], // link-local
  ['ff00::', 8], // multicast
] as const) {
  notPublic.addSubnet(network, prefix, 'ipv6');
}
const loopback = new BlockList();
loopback.addSubnet('127.0.0.0', 8, 'ipv4');
loopback.addAddress('::1', 'ipv6');

/** An IPv4 address written as IPv6 (`::ffff:10.0.0.1`) is that IPv4 address. */
function unmapped(address: string): { address: string; family: 'ipv4' | 'ipv6' } | undefined {
  const bare = address.replace(/^\[|\]$/g, '');
  const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/i.exec(bare);
  if (mapped) return { address: mapped[1]!, family: 'ipv4' };
  const version = isIP(bare);
  return version === 0 ? undefined : { address: bare, family: version === 4 ? 'ipv4' : 'ipv6' };
}

/** Whether `address` (an IP address) is one a webhook may reach; loopback too when `allowLoopback` (local stack). */
export function isPublicAddress(address: string, allowLoopback = false): boolean {
  const ip = unmapped(address);
  if (!ip) return false;
  if (allowLoopback && loopback.check(ip.address, ip.family)) return true;
  return !notPublic.check(ip.address, ip.family);
}

/** Whether a URL's host is written as an IP address (then it must be public) rather than a name. */
export const isAddressLiteral = (hostname: string): boolean => unmapped(hostname) !== undefined;
