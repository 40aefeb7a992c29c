import { headers } from "next/headers";
import { env } from "@/lib/env";
import { CLIENT_PROTO_HEADER } from "@/lib/net";

/**
 * Whether the browser reached us over HTTPS: the protocol lib/cli/server.ts decided (a trusted
 * proxy's X-Forwarded-Proto, never a client's), or an https public address. Cookies set then are
 * Secure, so they never travel over plain HTTP.
 */
export function isHttpsRequest(requestHeaders: Headers): boolean {
  return requestHeaders.get(CLIENT_PROTO_HEADER) === "https" || new URL(env().APP_URL).protocol === "https:";
}

/** For `cookies().set(…, { secure })` in actions, pages and route handlers. */
export async function secureCookies(): Promise<boolean> {
  return isHttpsRequest(await headers());
}
