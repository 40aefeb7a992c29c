import type { DbOrTx } from "@/db/client";
import { env } from "@/lib/env";
import { fileRange, planSitemap, sitemapEntries } from "./sitemap";
import { SITEMAP_MAX_URLS, sitemapIndexXml, urlElements, URLSET_CLOSE, URLSET_OPEN } from "./sitemap-xml";

/**
 * Crawlers fetch the sitemap a few times a day; shared caches keep it an hour and may serve it
 * stale for a day while fetching a new one, so a new release reaches it within the hour.
 */
export const SITEMAP_HEADERS = {
  "Content-Type": "application/xml; charset=utf-8",
  "Cache-Control": "public, max-age=300, s-maxage=3600, stale-while-revalidate=86400",
  "X-Content-Type-Options": "nosniff",
};

/** Writes the urlset batch by batch as the database yields it, at the pace the client reads. */
function streamUrlset(entries: AsyncGenerator<{ path: string; lastmod: Date }>, origin: string) {
  const encoder = new TextEncoder();
  let opened = false;
  return new ReadableStream<Uint8Array>({
    async pull(controller) {
      if (!opened) {
        opened = true;
        controller.enqueue(encoder.encode(URLSET_OPEN));
      }
      let chunk = "";
      for (let i = 0; i < 200; i++) {
        const next = await entries.next();
        if (next.done) {
          controller.enqueue(encoder.encode(chunk + URLSET_CLOSE));
          controller.close();
          return;
        }
        chunk += urlElements(next.value, origin);
      }
      controller.enqueue(encoder.encode(chunk));
    },
    async cancel() {
      await entries.return(undefined);
    },
  });
}

/**
 * GET /sitemap.xml: the whole urlset while it fits one file, else the index of the files
 * `/sitemap/<n>.xml`. `maxUrls` is lowered by tests to split a small site.
 */
export async function sitemapResponse(db: DbOrTx, maxUrls = SITEMAP_MAX_URLS): Promise<Response> {
  const origin = env().APP_URL;
  const plan = await planSitemap(db, maxUrls);
  if (plan.length > 1) return new Response(sitemapIndexXml(plan, origin), { headers: SITEMAP_HEADERS });
  return new Response(streamUrlset(sitemapEntries(db), origin), { headers: SITEMAP_HEADERS });
}

/** GET /sitemap/<n>.xml: one file of a split sitemap; 404 for anything else. */
export async function sitemapFileResponse(db: DbOrTx, name: string, maxUrls = SITEMAP_MAX_URLS): Promise<Response> {
  const match = /^([1-9]\d{0,5})\.xml$/.exec(name);
  const range = match ? fileRange(await planSitemap(db, maxUrls), Number(match[1])) : null;
  if (!range) {
    return new Response("No such sitemap file.", {
      status: 404,
      headers: { "Content-Type": "text/plain; charset=utf-8", "Cache-Control": "public, max-age=300" },
    });
  }
  return new Response(streamUrlset(sitemapEntries(db, range), env().APP_URL), { headers: SITEMAP_HEADERS });
}
