import { lookup } from 'node:dns';
import { BlockList, isIP, type LookupFunction } from 'node:net';

// Addresses a webhook must not reach from the server: its own host, private networks and
// link-local ones (cloud metadata at 169.254.169.254 among them). IPv4-mapped IPv6 addresses
// (::ffff:10.0.0.1) match the IPv4 rules.
const refused = new BlockList();
for (const [network, prefix] of [
  ['0.0.0.0', 8], // "this network", unspecified
  ['10.0.0.0', 8],
  ['100.64.0.0', 10], // carrier-grade NAT
  ['127.0.0.0', 8],
  ['169.254.0.0', 16],
  ['172.16.0.0', 12],
  ['192.0.0.0', 24],
  ['192.168.0.0', 16],
  ['198.18.0.0', 15],
  ['224.0.0.0', 3], // multicast, reserved, broadcast
] as const) {
  refused.addSubnet(network, prefix, 'ipv4');
}
refused.addAddress('::', 'ipv6');
refused.addAddress('::1', 'ipv6');
refused.addSubnet('fc00::', 7, 'ipv6'); // unique local
refused.addSubnet('fe80::', 10, 'ipv6'); // link-local
refused.addSubnet('ff00::', 8, 'ipv6'); // multicast

/** Whether `address` (an IP literal) is loopback, private, link-local, unspecified or multicast. */
export function isPrivateAddress(address: string): boolean {
  const family = isIP(address);
  if (family === 0) throw new Error(`${address} is not an IP address`);
  return refused.check(address, family === 4 ? 'ipv4' : 'ipv6');
}

/** The host of a URL as an IP literal or name (IPv6 without its brackets). */
export const hostOf = (url: URL): string => url.hostname.replace(/^\[(.*)\]$/, '$1');

type LookupAddress = { address: string; family: number };

/**
 * A `lookup` for node:http that refuses names resolving to a private address. Checking the
 * address actually connected to (not an earlier resolution) defeats DNS rebinding.
 */
export function guardedLookup(allowPrivate: boolean): LookupFunction {
  return (hostname, options, callback) => {
    lookup(hostname, { ...options, all: true }, (error, addresses: LookupAddress[]) => {
      const done = callback as (...args: unknown[]) => void;
      if (error) return done(error, '', 0);
      const bad = allowPrivate ? undefined : addresses.find((a) => isPrivateAddress(a.address));
      if (bad) return done(new Error(`${hostname} resolves to ${bad.address}, a private address`));
      const [first] = addresses;
      if (options.all) return done(null, addresses);
      return done(null, first?.address ?? '', first?.family ?? 4);
    });
  };
}
