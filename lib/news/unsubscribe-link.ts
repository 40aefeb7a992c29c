import { createHmac, timingSafeEqual } from "node:crypto";
import { purposeKey } from "@/lib/crypto";
import { env } from "@/lib/env";

const PURPOSE = "news/unsubscribe";

function signature(deliveryId: string) {
  return createHmac("sha256", purposeKey(PURPOSE)).update(`d:${deliveryId}`).digest("base64url");
}

/** `<deliveryId>.<hmac>`: names the one mail it came in; never expires (an old post must still let a fan leave). */
export function newsUnsubscribeToken(deliveryId: string) {
  return `${deliveryId}.${signature(deliveryId)}`;
}

/** The delivery the token was signed for, or null when we did not sign it. */
export function readNewsUnsubscribeToken(token: string): string | null {
  if (token.length > 200) return null;
  const dot = token.lastIndexOf(".");
  if (dot <= 0) return null;
  const id = token.slice(0, dot);
  const given = Buffer.from(token.slice(dot + 1), "base64url");
  const expected = Buffer.from(signature(id), "base64url");
  return given.length === expected.length && timingSafeEqual(given, expected) ? id : null;
}

/** The page that asks for one click (mail scanners follow links); RFC 8058 POSTs end it at once. */
export function newsUnsubscribeUrl(deliveryId: string) {
  return new URL(`/news/unsubscribe/${newsUnsubscribeToken(deliveryId)}`, env().APP_URL).toString();
}

/** Like lib/fans/unsubscribe-link.ts: a bare POST to the page's address is a mail client's one click. */
export function newsOneClickPath(method: string, pathname: string, serverAction: boolean): string | null {
  if (method.toUpperCase() !== "POST" || serverAction) return null;
  const match = /^\/news\/unsubscribe\/([^/]+)\/?$/.exec(pathname);
  return match ? `/api/news/unsubscribe/${match[1]}` : null;
}
