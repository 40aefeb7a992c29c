import { createHmac, timingSafeEqual } from "node:crypto";
import { purposeKey } from "@/lib/crypto";

/**
 * Keys for what downloads sign: one per purpose, derived from AUTH_SECRET, so a file link can
 * never be replayed as a library session (or the other way round) and nothing else that uses
 * AUTH_SECRET can be tricked into signing one.
 */
export type SigningPurpose = "file-link" | "library-link" | "library-session";

export function signingKey(purpose: SigningPurpose, secret?: string): Buffer {
  // The same derivation as lib/crypto's purposeKey; tests pass their own secret.
  if (secret === undefined) return purposeKey(`downloads/${purpose}`);
  return createHmac("sha256", secret).update(`merchtable/downloads/${purpose}`).digest();
}

/** HMAC-SHA256 over the fields, one per line (no field may hold a newline), base64url. */
export function mac(key: Buffer, fields: (string | number)[]): string {
  return createHmac("sha256", key).update(fields.join("\n")).digest("base64url");
}

/** Constant-time comparison, so a forger learns nothing from how long a refusal takes. */
export function macMatches(expected: string, given: string): boolean {
  const a = Buffer.from(expected);
  const b = Buffer.from(given);
  return a.length === b.length && timingSafeEqual(a, b);
}
