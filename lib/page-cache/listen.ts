import postgres from "postgres";
import type { Log, PageCache } from "./cache";

export const PAGE_CACHE_CHANNEL = "page_cache";

/**
 * LISTEN on the channel migration 0017's triggers notify, on a dedicated connection: each payload
 * is a comma list of tags whose copies go. postgres.js reconnects by itself and calls `onlisten`
 * on every (re)connect: notifications sent while it was away are lost, so every copy goes then.
 */
export async function listenForChanges(databaseUrl: string, cache: PageCache, log: Log) {
  const sql = postgres(databaseUrl, { max: 1, onnotice: () => {}, connection: { application_name: "page-cache" } });
  let connected = false;
  await sql.listen(
    PAGE_CACHE_CHANNEL,
    (payload) => {
      const tags = payload.split(",").filter(Boolean);
      const dropped = cache.invalidate(tags);
      if (dropped) log.info({ tags, dropped }, "page cache: copies invalidated");
    },
    () => {
      if (connected) log.warn({}, "page cache: LISTEN reconnected; every copy dropped");
      connected = true;
      cache.clear();
    },
  );
  return { close: () => sql.end({ timeout: 5 }) };
}
