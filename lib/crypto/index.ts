import { createCipheriv, createDecipheriv, createHmac, randomBytes, timingSafeEqual } from "node:crypto";
import { env } from "@/lib/env";

/**
 * Keys for one purpose each, derived from AUTH_SECRET, so a key leaked from one feature (say,
 * signed download links) opens nothing else.
 */
export function purposeKey(purpose: string): Buffer {
  const secret = env().AUTH_SECRET;
  if (!secret) throw new Error("AUTH_SECRET is not set: start the app with `npm start` or set AUTH_SECRET.");
  return createHmac("sha256", secret).update(`merchtable/${purpose}`).digest();
}

/** AES-256-GCM: `iv.ciphertext.tag`, base64url. Tampering makes `unseal` return null. */
export function seal(purpose: string, plain: string): string {
  const iv = randomBytes(12);
  const cipher = createCipheriv("aes-256-gcm", purposeKey(purpose), iv);
  const body = Buffer.concat([cipher.update(plain, "utf8"), cipher.final()]);
  return [iv, body, cipher.getAuthTag()].map((b) => b.toString("base64url")).join(".");
}

export function unseal(purpose: string, sealed: string): string | null {
  const [iv, body, tag] = sealed.split(".").map((part) => Buffer.from(part, "base64url"));
  if (!iv || !body || !tag || iv.length !== 12 || tag.length !== 16) return null;
  try {
    const decipher = createDecipheriv("aes-256-gcm", purposeKey(purpose), iv);
    decipher.setAuthTag(tag);
    return Buffer.concat([decipher.update(body), decipher.final()]).toString("utf8");
  } catch {
    return null;
  }
}

/**
 * `<value>.<hmac>` for links that must outlive any session (an unsubscribe link in an old mail):
 * the value stays readable, the signature proves we wrote it for this purpose.
 */
export function signValue(purpose: string, value: string): string {
  return `${value}.${createHmac("sha256", purposeKey(purpose)).update(value).digest("base64url")}`;
}

/** The value `signValue` signed for this purpose, or null when the token is not ours. */
export function readSignedValue(purpose: string, token: string, maxLength = 600): string | null {
  if (token.length > maxLength) return null;
  const dot = token.lastIndexOf(".");
  if (dot <= 0) return null;
  const value = token.slice(0, dot);
  const given = Buffer.from(token.slice(dot + 1), "base64url");
  const expected = Buffer.from(signValue(purpose, value).slice(dot + 1), "base64url");
  return given.length === expected.length && timingSafeEqual(given, expected) ? value : null;
}
