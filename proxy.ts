import { NextResponse, type NextRequest } from "next/server";
import { isFanPath } from "@/lib/artists/slug";
import { isNextDev } from "@/lib/env";
import { oneClickUnsubscribePath } from "@/lib/fans/unsubscribe-link";
import { followOneClickPath } from "@/lib/follows/unsubscribe-link";
import { oversizedFormPost } from "@/lib/http/body-limit";
import {
  baselineHeaders,
  checkWriteOrigin,
  contentSecurityPolicy,
  isEmbedPath,
  referrerPolicyFor,
} from "@/lib/http/security";
import { SHARED_RENDER_HEADER } from "@/lib/http/shared-render";
import { DEFAULT_LOCALE, LOCALE_COOKIE } from "@/lib/i18n/config";
import {
  BACK_OFFICE_HEADER,
  isBackOfficePath,
  LOCALE_HEADER,
  localePath,
  preferredLocale,
  splitLocalePath,
} from "@/lib/i18n/paths";
import { newsOneClickPath } from "@/lib/news/unsubscribe-link";

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

  const serverAction = request.headers.has("next-action");
  const oneClick =
    oneClickUnsubscribePath(request.method, pathname, serverAction) ??
    followOneClickPath(request.method, pathname, serverAction) ??
    newsOneClickPath(request.method, pathname, serverAction);
  if (oneClick) {
    const response = NextResponse.rewrite(new URL(oneClick, request.url));
    for (const [name, value] of Object.entries(baselineHeaders)) response.headers.set(name, value);
    response.headers.set("Referrer-Policy", referrerPolicyFor(pathname));
    return response;
  }

  const language = fanPageLanguage(request);
  if (language.redirect) {
    const redirect = NextResponse.redirect(sameOrigin(request, language.redirect), 307);
    for (const [name, value] of Object.entries(baselineHeaders)) redirect.headers.set(name, value);
    redirect.headers.set("Cache-Control", "private, no-store");
    redirect.headers.set("Vary", "Cookie, Accept-Language");
    return redirect;
  }

  const embed = isEmbedPath(pathname);
  const requestHeaders = new Headers(request.headers);
  requestHeaders.delete(LOCALE_HEADER);
  requestHeaders.delete(BACK_OFFICE_HEADER);
  if (language.locale) requestHeaders.set(LOCALE_HEADER, language.locale);
  if (isBackOfficePath(pathname)) requestHeaders.set(BACK_OFFICE_HEADER, "1");
  // The page cache's own render (lib/cli/server.ts lets the header through only for it): a nonce
  // would be shared by every visitor, so none; the cache sets a hash-based policy instead.
  const shared = request.headers.get(SHARED_RENDER_HEADER) === "1";
  const nonce = shared ? null : Buffer.from(crypto.randomUUID()).toString("base64");
  const csp = nonce === null ? null : contentSecurityPolicy(nonce, { embed, dev: isNextDev() });
  if (nonce !== null && csp !== null) {
    // Next reads the nonce from the request's CSP header and stamps it on its own scripts.
    requestHeaders.set("x-nonce", nonce);
    requestHeaders.set("content-security-policy", csp);
  }
  const response = language.rewrite
    ? NextResponse.rewrite(sameOrigin(request, language.rewrite), { request: { headers: requestHeaders } })
    : NextResponse.next({ request: { headers: requestHeaders } });
  if (csp) response.headers.set("Content-Security-Policy", csp);
  for (const [name, value] of Object.entries(baselineHeaders)) response.headers.set(name, value);
  response.headers.set("Referrer-Policy", referrerPolicyFor(pathname));
  if (!embed) response.headers.set("X-Frame-Options", "DENY");
  return response;
}

/**
 * Another path on the request's own origin, as Next sees it. `new URL(path, request.url)` may name
 * 127.0.0.1 where the browser said localhost: Next then proxies a rewrite as an outside request
 * (through this proxy again, without our headers) and a redirect would change the visitor's origin.
 */
function sameOrigin(request: NextRequest, pathAndQuery: string) {
  const url = request.nextUrl.clone();
  const [pathname, search = ""] = pathAndQuery.split("?");
  url.pathname = pathname;
  url.search = search ? `?${search}` : request.nextUrl.search;
  return url;
}

/**
 * A fan page's language is in its URL: /fr/<band> is rewritten to the route /<band> with the
 * language in LOCALE_HEADER; an unprefixed fan page is English, unless the visitor chose another
 * language (cookie) or their browser asks for one, when a GET is sent to that language's URL.
 * Other pages (dashboard, account, checkout) keep the cookie/browser language on one URL.
 */
function fanPageLanguage(request: NextRequest): { locale?: string; rewrite?: string; redirect?: string } {
  const { pathname, search } = request.nextUrl;
  const { locale, path } = splitLocalePath(pathname);
  if (locale) return isFanPath(path) ? { locale, rewrite: path } : {};
  if (!isFanPath(pathname)) return {};
  if (request.method === "GET" && !request.headers.has("next-action")) {
    const wanted = preferredLocale(request.cookies.get(LOCALE_COOKIE)?.value, request.headers.get("accept-language"));
    if (wanted !== DEFAULT_LOCALE) return { redirect: `${localePath(wanted, pathname)}${search}` };
  }
  return { locale: DEFAULT_LOCALE };
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
