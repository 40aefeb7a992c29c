import { createHmac, timingSafeEqual } from "node:crypto";
import { purposeKey } from "@/lib/crypto";
import { isValidKey } from "./keys";
import type { SignedUrlOptions } from "./types";

/**
 * The local driver's signed addresses, /api/files/<token>: the object's key, an expiry, and how to
 * answer it (type, disposition), sealed with an HMAC of AUTH_SECRET's "storage/file-url" key.
 * The same shape as an S3 presigned URL: whoever holds it gets the bytes until it expires, and
 * changing any part of it breaks the signature.
 */
export type FileToken = { key: string; expiresAt: number; contentType?: string; disposition?: string };

export const FILE_URL_PREFIX = "/api/files/";

const sign = (payload: string, secret: Buffer) => createHmac("sha256", secret).update(payload).digest("base64url");

export function fileToken(key: string, options: SignedUrlOptions, secret = purposeKey("storage/file-url")): string {
  if (!isValidKey(key)) throw new Error(`Invalid storage key: ${JSON.stringify(key)}`);
  const now = (options.now ?? new Date()).getTime();
  const body: FileToken = {
    key,
    expiresAt: Math.floor(now / 1000) + Math.max(1, Math.floor(options.expiresInSeconds)),
    ...(options.contentType ? { contentType: options.contentType } : {}),
    ...(options.disposition ? { disposition: options.disposition } : {}),
  };
  const payload = Buffer.from(JSON.stringify(body)).toString("base64url");
  return `${payload}.${sign(payload, secret)}`;
}

export type FileTokenCheck =
  { ok: true; file: FileToken } | { ok: false; reason: "malformed" | "tampered" | "expired" };

/** Checks a token from /api/files/<token>: signature first, then expiry, then the key's shape. */
export function verifyFileToken(
  token: string,
  now = new Date(),
  secret = purposeKey("storage/file-url"),
): FileTokenCheck {
  const match = /^([A-Za-z0-9_-]{1,2048})\.([A-Za-z0-9_-]{43})$/.exec(token);
  if (!match) return { ok: false, reason: "malformed" };
  const [, payload, signature] = match;
  const expected = Buffer.from(sign(payload, secret));
  const given = Buffer.from(signature);
  if (expected.length !== given.length || !timingSafeEqual(expected, given)) return { ok: false, reason: "tampered" };
  let file: FileToken;
  try {
    file = JSON.parse(Buffer.from(payload, "base64url").toString("utf8")) as FileToken;
  } catch {
    return { ok: false, reason: "malformed" };
  }
  if (typeof file?.key !== "string" || !isValidKey(file.key) || !Number.isInteger(file.expiresAt)) {
    return { ok: false, reason: "malformed" };
  }
  if (file.expiresAt * 1000 <= now.getTime()) return { ok: false, reason: "expired" };
  return { ok: true, file };
}
