import ipaddr from 'ipaddr.js';

const GLOBAL_UNICAST_V6 = ipaddr.parseCIDR('2000::/3');
/** RFC 6052's well-known NAT64 prefix: the last 32 bits are an IPv4 address a translator connects to. */
const NAT64_WELL_KNOWN = ipaddr.parseCIDR('64:ff9b::/96');
/** The deprecated IPv4-compatible form `::a.b.c.d` (RFC 4291 2.5.5.1), which ipaddr.js calls unicast. */
const IPV4_COMPATIBLE = ipaddr.parseCIDR('::/96');

/**
 * Why an address is not one Atelier may fetch from on a user's behalf (loopback, private, link-local —
 * 169.254.169.254 is the cloud metadata service —, CGNAT, unspecified, multicast, reserved, unique-local,
 * and the IPv6 spellings of such IPv4 addresses), or null for a public unicast address.
 */
export function nonPublicReason(address: string): string | null {
  if (!ipaddr.isValid(address)) return 'not an IP address';
  const parsed = ipaddr.parse(address);
  if (parsed.kind() === 'ipv4') return ipv4Reason(parsed as ipaddr.IPv4);
  const ipv6 = parsed as ipaddr.IPv6;
  const embedded = embeddedIpv4(ipv6);
  if (embedded) {
    const reason = ipv4Reason(embedded);
    return reason && `an IPv6 form of ${embedded.toString()} (${reason})`;
  }
  const range = ipv6.range();
  if (range !== 'unicast') return describe(range);
  if (!ipv6.match(GLOBAL_UNICAST_V6)) return 'outside the global unicast range 2000::/3';
  return null;
}

function ipv4Reason(address: ipaddr.IPv4): string | null {
  const range = address.range();
  return range === 'unicast' ? null : describe(range);
}

function embeddedIpv4(address: ipaddr.IPv6): ipaddr.IPv4 | null {
  if (address.isIPv4MappedAddress()) return address.toIPv4Address();
  const inNat64 = address.match(NAT64_WELL_KNOWN);
  // `::` and `::1` also sit in ::/96; they are IPv6's own unspecified and loopback addresses, not IPv4 ones.
  const compatible = address.match(IPV4_COMPATIBLE) && address.range() === 'unicast';
  if (!inNat64 && !compatible) return null;
  const bytes = address.toByteArray().slice(12);
  return ipaddr.fromByteArray(bytes) as ipaddr.IPv4;
}

const RANGE_NAMES: Record<string, string> = {
  loopback: 'a loopback address',
  private: 'a private network address',
  linkLocal: 'a link-local address (this includes cloud metadata services)',
  carrierGradeNat: 'a carrier-grade NAT address',
  unspecified: 'the unspecified address',
  broadcast: 'the broadcast address',
  multicast: 'a multicast address',
  uniqueLocal: 'a unique-local (private) IPv6 address',
  reserved: 'a reserved address',
  rfc6052: 'a local-use NAT64 address',
  '6to4': 'a 6to4 tunnel address',
  teredo: 'a Teredo tunnel address'
};

function describe(range: string): string {
  return RANGE_NAMES[range] ?? `a special-purpose address (${range})`;
}
