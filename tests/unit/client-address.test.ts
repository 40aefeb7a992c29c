import { describe, expect, it } from "vitest";
import { parseEnv } from "@/lib/env";
import { clientResolver, normalizeAddress, parseProxyEntry } from "@/lib/net/client-address";

const resolve = (trust: { proxies?: string[]; hops?: number }, socket: string, headers: Record<string, string> = {}) =>
  clientResolver({ proxies: trust.proxies ?? [], hops: trust.hops ?? 0 })(socket, headers);

describe("the client's address", () => {
  it("is the socket's when no proxy is trusted, whatever X-Forwarded-For and -Proto say", () => {
    expect(resolve({}, "203.0.113.9", { "x-forwarded-for": "1.2.3.4", "x-forwarded-proto": "https" })).toEqual({
      ip: "203.0.113.9",
      proto: "http",
      viaTrustedProxy: false,
    });
    expect(resolve({ proxies: ["10.0.0.1"] }, "203.0.113.9", { "x-forwarded-for": "1.2.3.4" }).ip).toBe("203.0.113.9");
  });

  it("is the one a trusted proxy saw, not what the client wrote before it", () => {
    const headers = { "x-forwarded-for": "6.6.6.6, 198.51.100.7", "x-forwarded-proto": "https" };
    expect(resolve({ proxies: ["10.0.0.0/8"] }, "10.1.2.3", headers)).toEqual({
      ip: "198.51.100.7",
      proto: "https",
      viaTrustedProxy: true,
    });
    expect(resolve({ hops: 1 }, "192.0.2.50", headers).ip).toBe("198.51.100.7");
  });

  it("walks through every trusted hop, by address or by count", () => {
    const headers = { "x-forwarded-for": "6.6.6.6, 198.51.100.7, 10.0.0.2" };
    expect(resolve({ proxies: ["10.0.0.0/8"] }, "10.0.0.1", headers).ip).toBe("198.51.100.7");
    expect(resolve({ hops: 2 }, "10.0.0.1", headers).ip).toBe("198.51.100.7");
    expect(resolve({ hops: 1 }, "10.0.0.1", headers).ip).toBe("10.0.0.2");
    // More hops than entries: the furthest address given.
    expect(resolve({ hops: 5 }, "10.0.0.1", { "x-forwarded-for": "198.51.100.7" }).ip).toBe("198.51.100.7");
  });

  it("stops at an entry that is not an address, and reads IPv6 and IPv4-mapped peers", () => {
    expect(resolve({ hops: 2 }, "10.0.0.1", { "x-forwarded-for": "1.2.3.4, not-an-ip" }).ip).toBe("10.0.0.1");
    expect(resolve({ proxies: ["::1"] }, "::1", { "x-forwarded-for": "2001:db8::7" }).ip).toBe("2001:db8::7");
    expect(resolve({ proxies: ["127.0.0.1"] }, "::ffff:127.0.0.1", { "x-forwarded-for": "198.51.100.7" }).ip).toBe(
      "198.51.100.7",
    );
    expect(normalizeAddress("[2001:DB8::1]")).toBe("2001:db8::1");
  });

  it("only takes http or https as the protocol", () => {
    expect(resolve({ hops: 1 }, "10.0.0.1", { "x-forwarded-proto": "HTTPS" }).proto).toBe("https");
    expect(resolve({ hops: 1 }, "10.0.0.1", { "x-forwarded-proto": "gopher" }).proto).toBe("http");
  });
});

describe("TRUSTED_PROXIES and TRUSTED_PROXY_HOPS", () => {
  it("accept addresses and CIDR ranges of both families", () => {
    expect(parseProxyEntry("10.0.0.0/8")).toEqual({ address: "10.0.0.0", prefix: 8, family: "ipv4" });
    expect(parseProxyEntry("fd00::/8")).toEqual({ address: "fd00::", prefix: 8, family: "ipv6" });
    const env = parseEnv({ TRUSTED_PROXIES: " 127.0.0.1, 10.0.0.0/8 ,::1", TRUSTED_PROXY_HOPS: "1" });
    expect(env.TRUSTED_PROXIES).toEqual(["127.0.0.1", "10.0.0.0/8", "::1"]);
    expect(env.TRUSTED_PROXY_HOPS).toBe(1);
    expect(parseEnv({})).toMatchObject({ TRUSTED_PROXIES: [], TRUSTED_PROXY_HOPS: 0 });
  });

  it("refuse anything else with a message naming the variable", () => {
    for (const bad of ["localhost", "10.0.0.0/33", "10.0.0.1/8/2", "1.2.3", "::1/129", "10.0.0.0/x"]) {
      expect(() => parseEnv({ TRUSTED_PROXIES: bad }), bad).toThrow(
        /TRUSTED_PROXIES must be a comma-separated list of IP addresses or CIDR ranges/,
      );
    }
    for (const bad of ["-1", "1.5", "two", "11"])
      expect(() => parseEnv({ TRUSTED_PROXY_HOPS: bad }), bad).toThrow(/TRUSTED_PROXY_HOPS/);
  });
});
