import { createHmac } from "node:crypto";

/**
 * Facts about the listener that the server learns from the request. Nothing here is stored as is
 * except the country: the address and browser only feed `listenerHash`.
 */
export type RequestFacts = { ip: string; userAgent: string; country: string | null };

/**
 * A keyed hash of address + browser that changes every UTC day: enough to count unique listeners
 * and to rate limit one listener, useless to follow anyone across days or to recover the address
 * (the key never leaves the server; it is derived from AUTH_SECRET for this purpose only).
 */
export function listenerHash(secret: string, facts: Pick<RequestFacts, "ip" | "userAgent">, now: Date): string {
  const purposeKey = createHmac("sha256", secret).update("merchtable/plays/listener").digest();
  const day = now.toISOString().slice(0, 10);
  const dayKey = createHmac("sha256", purposeKey).update(day).digest();
  return createHmac("sha256", dayKey).update(`${facts.ip}\n${facts.userAgent}`).digest("base64url");
}

/**
 * Country from a CDN's geolocation header (Cloudflare, Vercel). lib/cli/server.ts drops them unless
 * the request came through a trusted proxy; without one the route looks the address up instead.
 * "XX" (unknown) and "T1" (Tor) are not countries.
 */
export function countryFrom(headers: Headers): string | null {
  for (const name of ["cf-ipcountry", "x-vercel-ip-country"]) {
    const value = headers.get(name)?.trim().toUpperCase();
    if (value && /^[A-Z]{2}$/.test(value) && value !== "XX" && value !== "T1") return value;
  }
  return null;
}

/** The embedding site's host name as the player reports it ("Example.com:443" → "example.com"), or null. */
export function normalizeHost(raw: string | null | undefined): string | null {
  if (!raw) return null;
  const value = raw.trim().toLowerCase();
  try {
    const host = new URL(value.includes("://") ? value : `https://${value}`).hostname;
    const plausible = host === "localhost" || (/^[a-z0-9.-]{1,253}$/.test(host) && host.includes("."));
    return plausible ? host : null;
  } catch {
    return null;
  }
}
