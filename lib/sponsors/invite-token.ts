import { createHmac, timingSafeEqual } from "node:crypto";
import { purposeKey } from "@/lib/crypto";

/**
 * A sponsor invitation is a signed link, not a row: it names the sponsor, the invited address and
 * an expiry, and only that address can accept it (accepting twice changes nothing).
 */
const PURPOSE = "sponsor/invite";
export const SPONSOR_INVITE_DAYS = 14;

export type InviteClaims = { sponsorId: string; email: string; expiresAt: number };

const mac = (body: string) => createHmac("sha256", purposeKey(PURPOSE)).update(body).digest("base64url");

export function signSponsorInvite(claims: InviteClaims): string {
  const body = Buffer.from(JSON.stringify([claims.sponsorId, claims.email, claims.expiresAt])).toString("base64url");
  return `${body}.${mac(body)}`;
}

export function readSponsorInvite(token: string, now = Date.now()): InviteClaims | null {
  const [body, signature, extra] = token.split(".");
  if (!body || !signature || extra !== undefined) return null;
  const expected = Buffer.from(mac(body));
  const given = Buffer.from(signature);
  if (expected.length !== given.length || !timingSafeEqual(expected, given)) return null;
  try {
    const [sponsorId, email, expiresAt] = JSON.parse(Buffer.from(body, "base64url").toString("utf8")) as unknown[];
    if (typeof sponsorId !== "string" || typeof email !== "string" || typeof expiresAt !== "number") return null;
    return expiresAt > now ? { sponsorId, email, expiresAt } : null;
  } catch {
    return null;
  }
}
