import { createHmac, timingSafeEqual } from "node:crypto";
import { purposeKey } from "@/lib/crypto";
import { env } from "@/lib/env";

const PURPOSE = "follows/unsubscribe";

/** What a follow mail's unsubscribe link ends: one band's follow, or every mail to this address. */
export type UnsubscribeScope = { kind: "follow"; followId: string } | { kind: "all"; email: string };

const encode = (scope: UnsubscribeScope) =>
  scope.kind === "follow" ? `f:${scope.followId}` : `a:${Buffer.from(scope.email.toLowerCase()).toString("base64url")}`;

function signature(payload: string) {
  return createHmac("sha256", purposeKey(PURPOSE)).update(payload).digest("base64url");
}

/** `<payload>.<hmac>`: never expires, since an old mail must still let a fan leave. */
export function followUnsubscribeToken(scope: UnsubscribeScope) {
  const payload = encode(scope);
  return `${payload}.${signature(payload)}`;
}

/** The scope the token was signed for, or null when we did not sign it. */
export function readFollowUnsubscribeToken(token: string): UnsubscribeScope | null {
  if (token.length > 600) return null;
  const dot = token.lastIndexOf(".");
  if (dot <= 0) return null;
  const payload = token.slice(0, dot);
  const given = Buffer.from(token.slice(dot + 1), "base64url");
  const expected = Buffer.from(signature(payload), "base64url");
  if (given.length !== expected.length || !timingSafeEqual(given, expected)) return null;
  if (payload.startsWith("f:")) return { kind: "follow", followId: payload.slice(2) };
  if (payload.startsWith("a:")) return { kind: "all", email: Buffer.from(payload.slice(2), "base64url").toString() };
  return null;
}

/** The public page that asks for one click (mail scanners follow links); RFC 8058 POSTs end it at once. */
export function followUnsubscribeUrl(scope: UnsubscribeScope) {
  return new URL(`/follows/unsubscribe/${followUnsubscribeToken(scope)}`, env().APP_URL).toString();
}

/**
 * Mail clients honour List-Unsubscribe-Post (RFC 8058) with a bare POST to the link itself; the
 * proxy hands it to the route that unsubscribes at once (as lib/fans does for buyers' links). The
 * page's own confirm button is a server action (it carries Next-Action) and stays.
 */
export function followOneClickPath(method: string, pathname: string, serverAction: boolean): string | null {
  if (method.toUpperCase() !== "POST" || serverAction) return null;
  const match = /^\/follows\/unsubscribe\/([^/]+)\/?$/.exec(pathname);
  return match ? `/api/follows/unsubscribe/${match[1]}` : null;
}
