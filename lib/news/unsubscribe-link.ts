import { readSignedValue, signValue } from "@/lib/crypto";
import { env } from "@/lib/env";

const PURPOSE = "news/unsubscribe";

/** `<deliveryId>.<hmac>`: names the one mail it came in; never expires (an old post must still let a fan leave). */
export function newsUnsubscribeToken(deliveryId: string) {
  return signValue(PURPOSE, deliveryId);
}

/** The delivery the token was signed for, or null when we did not sign it. */
export function readNewsUnsubscribeToken(token: string): string | null {
  return readSignedValue(PURPOSE, token, 200);
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
