import { describe, expect, it } from "vitest";
import { clientAddress, parseTrustProxy, setClientAddressHeader } from "./client-address.mjs";

describe("clientAddress", () => {
  it("without TRUST_PROXY is the socket's peer, whatever X-Forwarded-For says", () => {
    const trust = parseTrustProxy(undefined);
    expect(clientAddress("203.0.113.7", "198.51.100.1", trust)).toBe("203.0.113.7");
    expect(clientAddress("::ffff:203.0.113.7", ["1.1.1.1", "2.2.2.2"], trust)).toBe("203.0.113.7");
    expect(clientAddress("::1", undefined, parseTrustProxy("0"))).toBe("::1");
    expect(clientAddress(undefined, "198.51.100.1", parseTrustProxy("false"))).toBe("unknown");
  });

  it("with a number of hops takes the entry that many proxies in from the right", () => {
    expect(clientAddress("10.0.0.2", "spoofed, 203.0.113.7", parseTrustProxy("1"))).toBe("203.0.113.7");
    expect(clientAddress("10.0.0.2", "spoofed, 203.0.113.7, 10.0.0.9", parseTrustProxy("2"))).toBe("203.0.113.7");
    // More hops than entries: the leftmost one, never past it.
    expect(clientAddress("10.0.0.2", "203.0.113.7", parseTrustProxy("5"))).toBe("203.0.113.7");
    expect(clientAddress("10.0.0.2", undefined, parseTrustProxy("1"))).toBe("10.0.0.2");
  });

  it("with a list of proxies skips trusted addresses from the right and stops at the first other one", () => {
    const trust = parseTrustProxy("10.0.0.0/8, 192.0.2.1, fd00::/8");
    expect(clientAddress("10.0.0.2", "spoofed, 203.0.113.7, 192.0.2.1", trust)).toBe("203.0.113.7");
    expect(clientAddress("fd00::5", "203.0.113.8", trust)).toBe("203.0.113.8");
    // A peer that is not a trusted proxy is the client, whatever it forwards.
    expect(clientAddress("198.51.100.4", "203.0.113.7", trust)).toBe("198.51.100.4");
    expect(clientAddress("10.0.0.2", "10.1.1.1", trust)).toBe("10.1.1.1");
  });

  it.each(["yes", "10.0.0.1/33", "10.0.0.1, nope", "::1/129", "1.2.3.4/8/1"])("refuses TRUST_PROXY=%s", (value) => {
    expect(() => parseTrustProxy(value)).toThrow(/TRUST_PROXY/);
  });
});

describe("setClientAddressHeader", () => {
  it("replaces a client-sent x-marginalia-client-ip with the address it resolved", () => {
    const req = {
      socket: { remoteAddress: "203.0.113.7" },
      headers: { "x-marginalia-client-ip": "10.9.9.9", "x-forwarded-for": "198.51.100.1" } as Record<
        string,
        string | string[] | undefined
      >,
    };
    setClientAddressHeader(req, parseTrustProxy(undefined));
    expect(req.headers["x-marginalia-client-ip"]).toBe("203.0.113.7");
    setClientAddressHeader(req, parseTrustProxy("1"));
    expect(req.headers["x-marginalia-client-ip"]).toBe("198.51.100.1");
  });
});
