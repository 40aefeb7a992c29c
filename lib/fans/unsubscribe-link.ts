import { readSignedValue, signValue } from "@/lib/crypto";
import { env } from "@/lib/env";

const PURPOSE = "fans/unsubscribe";

/** `<subscriberId>.<hmac>`: never expires, since an old newsletter must still let a fan leave. */
export function unsubscribeToken(subscriberId: string) {
  return signValue(PURPOSE, subscriberId);
}

/** The subscriber id the token was signed for, or null when it was not signed by us. */
export function readUnsubscribeToken(token: string): string | null {
  return readSignedValue(PURPOSE, token);
}

/** The public page that asks for one click before unsubscribing (mail scanners follow links). */
export function unsubscribeUrl(subscriberId: string) {
  return new URL(`/library/unsubscribe/${unsubscribeToken(subscriberId)}`, env().APP_URL).toString();
}

/**
 * Mail clients honour List-Unsubscribe-Post (RFC 8058) with a bare POST to the link itself. The
 * page at that address only renders, so the proxy hands such a POST to the route that unsubscribes
 * at once; the page's own confirm button is a server action (it carries Next-Action) and stays.
 */
export function oneClickUnsubscribePath(method: string, pathname: string, serverAction: boolean): string | null {
  if (method.toUpperCase() !== "POST" || serverAction) return null;
  const match = /^\/library\/unsubscribe\/([^/]+)\/?$/.exec(pathname);
  return match ? `/api/unsubscribe/${match[1]}` : null;
}
