import { CLIENT_IP_HEADER } from "@/lib/net";

/**
 * The caller's address as lib/cli/server.ts decided it from the socket and the trusted proxies
 * (TRUSTED_PROXIES, TRUSTED_PROXY_HOPS). That server overwrites the header on every request, so
 * X-Forwarded-For sent by a client never reaches a limit. Without it (`next dev`), every caller
 * shares one "unknown" address.
 */
export function clientIp(headers: Headers): string {
  return headers.get(CLIENT_IP_HEADER)?.trim() || "unknown";
}
