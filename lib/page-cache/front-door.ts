import type { IncomingMessage, ServerResponse } from "node:http";
import { baselineHeaders } from "@/lib/http/security";
import { SHARED_RENDER_HEADER } from "@/lib/http/shared-render";
import { DEFAULT_LOCALE, LOCALE_COOKIE, localePath, preferredLocale, type Locale } from "@/lib/i18n";
import type { PageCache } from "./cache";
import { cacheRequest, header } from "./key";
import { RENDER_SECRET_HEADER, type renderSecret } from "./render";
import { PRIVATE, serveEntry } from "./serve";

/** Auth.js's session cookie (`__Secure-` over HTTPS; `.0`, `.1`… when chunked). */
const SESSION_COOKIE = /(?:^|;\s*)(?:__Secure-)?authjs\.session-token(?:\.\d+)?=/;
const LOCALE_IN_COOKIE = new RegExp(`(?:^|;\\s*)${LOCALE_COOKIE}=([^;]*)`);

/** The language a visitor asked for, as proxy.ts decides it (lib/i18n preferredLocale). */
export function visitorLocale(headers: IncomingMessage["headers"]): Locale {
  return preferredLocale(LOCALE_IN_COOKIE.exec(headers.cookie ?? "")?.[1], header(headers["accept-language"]));
}

export type PageCacheHandler = (req: IncomingMessage, res: ServerResponse, next: () => void) => void;

/**
 * The page cache's front door, run for every request before Next: only the cache's own render
 * (carrying this process's secret) reaches Next marked as a shared render; the marker is stripped
 * from everyone else's. Cacheable GET/HEAD are answered from a copy, rendered on a miss; the rest
 * goes to `next` untouched.
 */
export function pageCacheHandler(cache: PageCache | null, secret: ReturnType<typeof renderSecret>): PageCacheHandler {
  return (req, res, next) => {
    const own = secret.matches(req.headers[RENDER_SECRET_HEADER]);
    delete req.headers[RENDER_SECRET_HEADER];
    delete req.headers[SHARED_RENDER_HEADER];
    if (own) {
      req.headers[SHARED_RENDER_HEADER] = "1";
      return next();
    }
    const request = cache && cacheRequest(req.method, req.url, req.headers);
    if (!cache || !request) return next();

    if (request.languageRedirect) {
      const wanted = visitorLocale(req.headers);
      if (wanted !== DEFAULT_LOCALE) return redirect(res, wanted, req.url ?? "/");
    }
    // A member may see a draft where strangers get a 404: their own request, rendered with their session.
    const privately = () => {
      res.setHeader("Cache-Control", PRIVATE);
      next();
    };
    const found = cache.lookup(request.key);
    if (found) {
      if (found.entry.status === 404 && SESSION_COOKIE.test(req.headers.cookie ?? "")) return privately();
      if (found.stale) cache.refresh(request);
      return serveEntry(found.entry, req, res, found.stale ? "STALE" : "HIT");
    }
    cache.fill(request).then(
      (fill) => {
        if (!fill.ok) return next();
        if (fill.entry.status === 404 && SESSION_COOKIE.test(req.headers.cookie ?? "")) return privately();
        serveEntry(fill.entry, req, res, "MISS");
      },
      () => next(),
    );
  };
}

function redirect(res: ServerResponse, locale: Locale, url: string) {
  const mark = url.indexOf("?");
  const path = mark === -1 ? url : url.slice(0, mark);
  const location = localePath(locale, path) + (mark === -1 ? "" : url.slice(mark));
  res.writeHead(307, {
    ...baselineHeaders,
    Location: location,
    "Cache-Control": PRIVATE,
    Vary: "Cookie, Accept-Language",
    "Content-Length": "0",
  });
  res.end();
}
