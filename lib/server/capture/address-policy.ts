import { isIP } from "node:net";
import ipaddr from "ipaddr.js";

/**
 * Why an address may not be fetched, as the sentence a user is shown, or
 * `null` for a public unicast address. Only global unicast addresses pass:
 * loopback, private (10/8, 172.16/12, 192.168/16, fc00::/7), link-local
 * (169.254/16 with the cloud metadata address, fe80::/10), CGNAT (100.64/10),
 * multicast, broadcast, reserved, documentation, benchmarking and unspecified
 * (0.0.0.0/8, ::) are refused. IPv4-mapped IPv6 (`::ffff:127.0.0.1`) is
 * judged as the IPv4 address it carries; other IPv6 forms that embed an IPv4
 * address (6to4, Teredo, NAT64) are refused outright.
 */
export function addressRefusal(address: string): string | null {
  const bare = address.replace(/^\[|\]$/g, "").replace(/%.*$/, "");
  if (!isIP(bare)) return "That address is not a valid IP address.";
  let parsed: ipaddr.IPv4 | ipaddr.IPv6;
  try {
    parsed = ipaddr.process(bare);
  } catch {
    return "That address is not a valid IP address.";
  }
  const range = parsed.range();
  if (range === "unicast") return null;
  switch (range) {
    case "loopback":
      return "That address is this server itself (loopback).";
    case "private":
    case "uniqueLocal":
    case "carrierGradeNat":
      return "That address is on a private network.";
    case "linkLocal":
      return "That address is link-local (such as a cloud metadata service).";
    case "unspecified":
      return "That address is unspecified (0.0.0.0 or ::).";
    case "multicast":
    case "broadcast":
      return "That address is a multicast or broadcast address.";
    default:
      return "That address is reserved and not on the public internet.";
  }
}

/**
 * Host names written as numbers that some resolvers read as IPv4 addresses
 * (`2130706433`, `0x7f.1`, `017700000001`). The WHATWG URL parser already
 * turns these into dotted quads; this catches any that reach a resolver by
 * another path.
 */
export function looksNumeric(hostname: string): boolean {
  return /^(?:0x[0-9a-f]*|[0-9]+)(?:\.(?:0x[0-9a-f]*|[0-9]*))*\.?$/i.test(hostname);
}
