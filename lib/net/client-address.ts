import type { IncomingHttpHeaders, IncomingMessage, ServerResponse } from "node:http";
import { BlockList, isIP } from "node:net";

/**
 * Who is asking, decided once per request by the server in front of Next (lib/cli/server.ts)
 * from the socket and the proxies the operator trusts, then handed to the app in headers this
 * server always overwrites. A client can write any X-Forwarded-For it likes; only a hop we trust
 * gets to speak for the address behind it.
 */
export const CLIENT_IP_HEADER = "x-merchtable-client-ip";
export const CLIENT_PROTO_HEADER = "x-merchtable-client-proto";

/**
 * One year. No includeSubDomains: the shop's domain may have siblings it does not run (a band's
 * own site on http), and HSTS on them would lock their visitors out.
 */
export const HSTS_VALUE = "max-age=31536000";

export type ProxyTrust = { proxies: string[]; hops: number };

/** `10.0.0.1`, `::1`, `10.0.0.0/8`, `fd00::/8`: null when the entry is neither an address nor a CIDR. */
export function parseProxyEntry(
  entry: string,
): { address: string; prefix: number | null; family: "ipv4" | "ipv6" } | null {
  const [address, prefixText, extra] = entry.trim().split("/");
  if (extra !== undefined) return null;
  const version = isIP(address);
  if (!version) return null;
  const family = version === 4 ? "ipv4" : "ipv6";
  if (prefixText === undefined) return { address, prefix: null, family };
  if (!/^\d{1,3}$/.test(prefixText)) return null;
  const prefix = Number(prefixText);
  return prefix <= (version === 4 ? 32 : 128) ? { address, prefix, family } : null;
}

/** `::ffff:192.0.2.1` (how Node shows IPv4 peers on a dual-stack socket) is 192.0.2.1. */
export function normalizeAddress(address: string): string {
  const trimmed = address.trim().replace(/^\[(.*)\]$/, "$1");
  const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/i.exec(trimmed);
  return mapped ? mapped[1] : trimmed.toLowerCase();
}

export type ClientResolver = (
  remoteAddress: string | undefined,
  headers: IncomingHttpHeaders,
) => { ip: string; proto: "http" | "https"; viaTrustedProxy: boolean };

export function clientResolver(trust: ProxyTrust): ClientResolver {
  const list = new BlockList();
  for (const entry of trust.proxies) {
    const parsed = parseProxyEntry(entry);
    if (!parsed) throw new Error(`TRUSTED_PROXIES: "${entry}" is not an IP address or CIDR range`);
    if (parsed.prefix === null) list.addAddress(parsed.address, parsed.family);
    else list.addSubnet(parsed.address, parsed.prefix, parsed.family);
  }
  const trusted = (address: string, hop: number) => {
    if (hop < trust.hops) return true;
    const version = isIP(address);
    return version !== 0 && list.check(address, version === 4 ? "ipv4" : "ipv6");
  };

  return (remoteAddress, headers) => {
    const socket = normalizeAddress(remoteAddress ?? "");
    const viaTrustedProxy = socket !== "" && trusted(socket, 0);
    // Nearest first: the socket, then X-Forwarded-For read from its right end.
    const forwarded = viaTrustedProxy ? headerList(headers["x-forwarded-for"]).reverse() : [];
    let ip = socket;
    for (let hop = 0; trusted(ip, hop) && hop < forwarded.length; hop++) {
      const next = normalizeAddress(forwarded[hop]);
      if (!isIP(next)) break; // a trusted proxy passed on garbage: the proxy is as far as we can see
      ip = next;
    }
    const forwardedProto = viaTrustedProxy ? headerList(headers["x-forwarded-proto"])[0]?.toLowerCase() : undefined;
    const proto = forwardedProto === "https" || forwardedProto === "http" ? forwardedProto : "http";
    return { ip: ip || "unknown", proto, viaTrustedProxy };
  };
}

function headerList(value: string | string[] | undefined): string[] {
  const joined = Array.isArray(value) ? value.join(",") : (value ?? "");
  return joined
    .split(",")
    .map((part) => part.trim())
    .filter(Boolean);
}

// The CDN geolocation headers are a proxy's word too: from anyone else they would let a visitor
// choose the country their plays count in.
const FORWARDING_HEADERS = [
  "x-forwarded-for",
  "x-forwarded-proto",
  "x-forwarded-host",
  "x-forwarded-port",
  "x-real-ip",
  "forwarded",
  "cf-ipcountry",
  "x-vercel-ip-country",
];

/**
 * Rewrites the request's view of its client before Next sees it: our two headers always set from
 * the socket and the trusted hops; forwarding headers from an untrusted peer dropped (Next then
 * fills x-forwarded-* from the socket itself, it only adds what is missing); X-Forwarded-For and
 * -Proto reduced to what we decided. Adds Strict-Transport-Security to every answer that reached
 * the browser over HTTPS (or when the public address is https, whatever the hop in between says).
 */
export function frontDoor(resolve: ClientResolver, appUrlIsHttps: boolean) {
  return (req: IncomingMessage, res: ServerResponse) => {
    const client = resolve(req.socket.remoteAddress, req.headers);
    if (!client.viaTrustedProxy) for (const name of FORWARDING_HEADERS) delete req.headers[name];
    req.headers[CLIENT_IP_HEADER] = client.ip;
    req.headers[CLIENT_PROTO_HEADER] = client.proto;
    req.headers["x-forwarded-for"] = client.ip;
    req.headers["x-forwarded-proto"] = client.proto;
    if (client.proto === "https" || appUrlIsHttps) res.setHeader("Strict-Transport-Security", HSTS_VALUE);
    return client;
  };
}
