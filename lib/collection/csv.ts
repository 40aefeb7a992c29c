import type { DbOrTx } from "@/db/client";
import { csvAmount, csvTime, toCsv } from "@/lib/csv";
import { env } from "@/lib/env";
import { ownedItems } from "./owned";

export const COLLECTION_CSV_HEADER = ["band", "release", "kind", "bought_on", "price_paid", "currency", "page"];

/**
 * The fan's collection as a spreadsheet: one line per release or single track they hold.
 * Machine-readable columns (a kind code, a UTC time, a decimal amount), whatever the page's language.
 */
export async function collectionCsv(db: DbOrTx, email: string): Promise<string> {
  const items = await ownedItems(db, email);
  const base = env().APP_URL;
  return toCsv(
    COLLECTION_CSV_HEADER,
    items.map((item) => [
      item.artist.name,
      item.trackTitle ? `${item.trackTitle} (${item.release.title})` : item.release.title,
      item.trackTitle ? "track" : item.release.kind,
      csvTime(item.boughtAt),
      item.paid ? csvAmount(item.paid.amount, item.paid.currency) : "0",
      item.paid?.currency ?? "",
      new URL(`/${item.artist.slug}/${item.release.slug}`, base).toString(),
    ]),
  );
}
