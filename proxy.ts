import { NextResponse, type NextRequest } from "next/server";
import { isNextDev } from "@/lib/env";
import { oneClickUnsubscribePath } from "@/lib/fans/unsubscribe-link";
import { oversizedFormPost } from "@/lib/http/body-limit";
import {
  baselineHeaders,
  checkWriteOrigin,
  contentSecurityPolicy,
  isEmbedPath,
  referrerPolicyFor,
} from "@/lib/http/security";
import { SHARED_RENDER_HEADER } from "@/lib/http/shared-render";
import { LOCALE_COOKIE } from "@/lib/i18n/config";

/**
 * Headers for every page and the cross-site write check. Sign-in and membership checks do not
 * live here: each page, action and route makes its own.
 */
export function proxy(request: NextRequest) {
  const { pathname } = request.nextUrl;
  const write = checkWriteOrigin(
    request.method,
    pathname,
    request.headers.get("origin"),
    request.headers.get("x-forwarded-host") ?? request.headers.get("host"),
  );
  if (!write.allowed) {
    return new NextResponse("This request came from another site and was refused.", {
      status: 403,
      headers: { "Content-Type": "text/plain; charset=utf-8", ...baselineHeaders },
    });
  }

  const oversized = oversizedFormPost({
    method: request.method,
    contentLength: request.headers.get("content-length"),
    localeCookie: request.cookies.get(LOCALE_COOKIE)?.value,
    acceptLanguage: request.headers.get("accept-language"),
  });
  if (oversized) {
    return new NextResponse(oversized.body, {
      status: oversized.status,
      headers: { "Content-Type": "text/plain", ...baselineHeaders },
    });
  }

  const oneClick = oneClickUnsubscribePath(request.method, pathname, request.headers.has("next-action"));
  if (oneClick) {
    const response = NextResponse.rewrite(new URL(oneClick, request.url));
    for (const [name, value] of Object.entries(baselineHeaders)) response.headers.set(name, value);
    response.headers.set("Referrer-Policy", referrerPolicyFor(pathname));
    return response;
  }

  const embed = isEmbedPath(pathname);
  if (request.headers.get(SHARED_RENDER_HEADER) === "1") {
    // The page cache's own render (lib/cli/server.ts lets this header through only for it): a
    // nonce would be shared by every visitor, so none; the cache sets a hash-based policy instead.
    const response = NextResponse.next();
    for (const [name, value] of Object.entries(baselineHeaders)) response.headers.set(name, value);
    if (!embed) response.headers.set("X-Frame-Options", "DENY");
    return response;
  }
  const nonce = Buffer.from(crypto.randomUUID()).toString("base64");
  const csp = contentSecurityPolicy(nonce, { embed, dev: isNextDev() });
  // Next reads the nonce from the request's CSP header and stamps it on its own scripts.
  const requestHeaders = new Headers(request.headers);
  requestHeaders.set("x-nonce", nonce);
  requestHeaders.set("content-security-policy", csp);
  const response = NextResponse.next({ request: { headers: requestHeaders } });
  response.headers.set("Content-Security-Policy", csp);
  for (const [name, value] of Object.entries(baselineHeaders)) response.headers.set(name, value);
  response.headers.set("Referrer-Policy", referrerPolicyFor(pathname));
  if (!embed) response.headers.set("X-Frame-Options", "DENY");
  return response;
}

/**
 * Left out: uploads (with a proxy in the way, Next buffers request bodies in memory and cuts them
 * at 10 MB; the upload route makes the same Origin check itself), the audio stream (GET only,
 * sets its own headers, and is the hottest route: every seek is a request) and the Stripe webhook
 * (a server-to-server POST with no Origin, verified by its signature over the untouched body).
 */
export const config = {
  matcher: [{ source: "/((?!_next/static|_next/image|favicon.ico|api/uploads/|api/stream/|api/stripe/webhook).*)" }],
};
