import type { Db } from "@/db/client";
import { PageCache, type Log } from "./cache";
import { pageCacheHandler, type PageCacheHandler } from "./front-door";
import { listenForChanges } from "./listen";
import { loopbackRender, renderSecret, type Render } from "./render";
import { tagsFor } from "./tags";

export { PageCache, varyFor, type Fill, type Log } from "./cache";
export { cacheRequest, type CacheRequest, type CacheRoute } from "./key";
export { pageCacheHandler, visitorLocale } from "./front-door";
export { RENDER_SECRET_HEADER, renderSecret, type Render } from "./render";
export { PAGE_CACHE_CHANNEL } from "./listen";
export { tagsFor } from "./tags";

/**
 * The shared page cache of lib/cli/server.ts (README, "Architecture" and "Putting a CDN in
 * front"): fan pages, widgets and oEmbed rendered once per change by Next, kept in this process,
 * dropped by tag when the database says a band changed something. `enabled: false`
 * (PAGE_CACHE=off) still strips the shared-render marker from visitors' requests.
 */
export async function startPageCache(options: {
  enabled: boolean;
  db: Db;
  databaseUrl: string;
  appUrl: string;
  port: number;
  host: string | undefined;
  maxBytes: number;
  log: Log;
  render?: Render;
}): Promise<{ handle: PageCacheHandler; cache: PageCache | null; close: () => Promise<void> }> {
  const secret = renderSecret();
  if (!options.enabled) return { handle: pageCacheHandler(null, secret), cache: null, close: async () => {} };
  const render =
    options.render ??
    loopbackRender({
      port: options.port,
      host: !options.host || options.host === "0.0.0.0" || options.host === "::" ? "127.0.0.1" : options.host,
      publicHost: new URL(options.appUrl).host,
      secret: secret.secret,
    });
  const cache = new PageCache({
    render,
    resolveTags: (route) => tagsFor(options.db, route, options.appUrl),
    maxBytes: options.maxBytes,
    log: options.log,
  });
  const listener = await listenForChanges(options.databaseUrl, cache, options.log);
  return { handle: pageCacheHandler(cache, secret), cache, close: listener.close };
}
