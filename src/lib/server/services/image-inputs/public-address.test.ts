import { describe, expect, it } from 'vitest';
import { nonPublicReason } from './public-address';

describe(nonPublicReason.name, () => {
  it.each(['8.8.8.8', '93.184.215.14', '2606:4700:4700::1111', '::ffff:8.8.8.8', '64:ff9b::808:808'])(
    'should accept the public address %s',
    (address) => {
      expect(nonPublicReason(address)).toBeNull();
    }
  );

  it.each([
    ['127.0.0.1', 'a loopback address'],
    ['127.255.0.9', 'a loopback address'],
    ['::1', 'a loopback address'],
    ['10.0.0.1', 'a private network address'],
    ['172.31.255.255', 'a private network address'],
    ['192.168.0.1', 'a private network address'],
    ['169.254.169.254', 'a link-local address (this includes cloud metadata services)'],
    ['fe80::1', 'a link-local address (this includes cloud metadata services)'],
    ['100.64.0.1', 'a carrier-grade NAT address'],
    ['0.0.0.0', 'the unspecified address'],
    ['::', 'the unspecified address'],
    ['224.0.0.1', 'a multicast address'],
    ['ff02::1', 'a multicast address'],
    ['240.0.0.1', 'a reserved address'],
    ['fc00::1', 'a unique-local (private) IPv6 address'],
    ['::ffff:127.0.0.1', 'an IPv6 form of 127.0.0.1 (a loopback address)'],
    [
      '::ffff:a9fe:a9fe',
      'an IPv6 form of 169.254.169.254 (a link-local address (this includes cloud metadata services))'
    ],
    ['::127.0.0.1', 'an IPv6 form of 127.0.0.1 (a loopback address)'],
    ['64:ff9b::127.0.0.1', 'an IPv6 form of 127.0.0.1 (a loopback address)'],
    ['64:ff9b:1::a00:1', 'a local-use NAT64 address'],
    ['2002:7f00:1::1', 'a 6to4 tunnel address'],
    ['2001::1', 'a Teredo tunnel address'],
    ['2001:db8::1', 'a reserved address'],
    ['example.com', 'not an IP address']
  ])('should refuse %s as %s', (address, reason) => {
    expect(nonPublicReason(address)).toBe(reason);
  });
});
