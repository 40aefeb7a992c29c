import { seal, unseal } from "@/lib/crypto";

/**
 * The library's sign-in is not an account: a sealed cookie holding the fan's email and when it
 * stops counting. Sealed (not just signed) so the address is not readable from the cookie jar.
 */
export const LIBRARY_COOKIE = "mt_library";
export const LIBRARY_SESSION_SECONDS = 30 * 24 * 60 * 60;
const PURPOSE = "library-session";

export function sealLibrarySession(email: string, now = new Date()): { value: string; maxAge: number } {
  const expires = Math.floor(now.getTime() / 1000) + LIBRARY_SESSION_SECONDS;
  return {
    value: seal(PURPOSE, JSON.stringify({ e: email.toLowerCase(), x: expires })),
    maxAge: LIBRARY_SESSION_SECONDS,
  };
}

/** The email the cookie was issued for, or null when it is missing, forged or past its date. */
export function readLibrarySession(value: string | undefined, now = new Date()): string | null {
  if (!value || value.length > 1000) return null;
  const plain = unseal(PURPOSE, value);
  if (!plain) return null;
  try {
    const parsed: unknown = JSON.parse(plain);
    if (typeof parsed !== "object" || parsed === null) return null;
    const { e, x } = parsed as { e?: unknown; x?: unknown };
    if (typeof e !== "string" || typeof x !== "number") return null;
    return x * 1000 > now.getTime() ? e : null;
  } catch {
    return null;
  }
}
