// The address of the client that sent a request, as the web server (scripts/server.mjs) hands it
// to the app in the x-marginalia-client-ip header. Without TRUST_PROXY it is the socket's peer:
// a client-sent X-Forwarded-For is ignored, since nothing in front of `npm start` rewrites it.
import net from "node:net";

/** The header scripts/server.mjs sets on every request (any client-sent one is replaced). */
export const CLIENT_IP_HEADER = "x-marginalia-client-ip";

/**
 * Parses TRUST_PROXY. Unset, empty, `0` or `false`: trust no proxy. A whole number n: trust the
 * n proxies nearest the app (the socket's peer and the n − 1 entries at the right of
 * X-Forwarded-For). Otherwise a comma-separated list of proxy addresses or CIDR subnets
 * (`10.0.0.1, 192.168.0.0/16, fd00::/8`). Throws on anything else.
 * @param {string | undefined} value
 * @returns {{ hops: number } | { proxies: net.BlockList }}
 */
export function parseTrustProxy(value) {
  const text = (value ?? "").trim();
  if (text === "" || text === "false") return { hops: 0 };
  if (/^\d+$/.test(text)) return { hops: Number(text) };
  const proxies = new net.BlockList();
  for (const raw of text.split(",")) {
    const entry = raw.trim();
    const [address, prefix, extra] = entry.split("/");
    const family = net.isIP(address);
    const bits = prefix === undefined ? undefined : Number(prefix);
    const max = family === 6 ? 128 : 32;
    if (
      !family ||
      extra !== undefined ||
      (bits !== undefined && !(Number.isInteger(bits) && bits >= 0 && bits <= max))
    ) {
      throw new Error(
        `TRUST_PROXY: "${entry}" is not an IP address or subnet (expected a number of proxies, or addresses such as 10.0.0.1, 10.0.0.0/8).`,
      );
    }
    const type = family === 6 ? "ipv6" : "ipv4";
    if (bits === undefined) proxies.addAddress(address, type);
    else proxies.addSubnet(address, bits, type);
  }
  return { proxies };
}

/** `::ffff:1.2.3.4` (an IPv4 peer of a dual-stack socket) as `1.2.3.4`. */
function normalize(address) {
  const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/i.exec(address);
  return mapped ? mapped[1] : address;
}

function trusted(address, proxies) {
  const family = net.isIP(address);
  return family !== 0 && proxies.check(address, family === 6 ? "ipv6" : "ipv4");
}

/**
 * The client's address: the socket's peer, or, through trusted proxies, the
 * nearest X-Forwarded-For entry that is not one of them.
 * @param {string | undefined} socketAddress
 * @param {string | string[] | undefined} forwardedFor
 * @param {{ hops: number } | { proxies: net.BlockList }} trust
 * @returns {string}
 */
export function clientAddress(socketAddress, forwardedFor, trust) {
  const peer = normalize(socketAddress ?? "") || "unknown";
  if ("hops" in trust && trust.hops === 0) return peer;
  const forwarded = (Array.isArray(forwardedFor) ? forwardedFor.join(",") : (forwardedFor ?? ""))
    .split(",")
    .map((entry) => normalize(entry.trim()))
    .filter(Boolean);
  const chain = [...forwarded, peer];
  if ("hops" in trust) return chain[Math.max(0, chain.length - 1 - trust.hops)];
  let i = chain.length - 1;
  while (i > 0 && trusted(chain[i], trust.proxies)) i--;
  return chain[i];
}

/**
 * Puts the client's address in CLIENT_IP_HEADER of an incoming request, replacing whatever the
 * client sent under that name (the app trusts that header and nothing else).
 * @param {{ socket: { remoteAddress?: string }, headers: Record<string, string | string[] | undefined> }} req
 * @param {{ hops: number } | { proxies: net.BlockList }} trust
 */
export function setClientAddressHeader(req, trust) {
  req.headers[CLIENT_IP_HEADER] = clientAddress(req.socket.remoteAddress, req.headers["x-forwarded-for"], trust);
}
