import type { DbOrTx } from "@/db/client";
import { csvTime, toCsv } from "@/lib/csv";
import { translator } from "@/lib/i18n";
import { allSubscribers } from "./subscribers";

/** The band's subscribers as CSV, unsubscribed ones included with their date (so nobody re-adds them). */
export async function exportSubscribersCsv(db: DbOrTx, artistId: string, locale: string, search?: string) {
  const { t } = translator(locale);
  const rows = await allSubscribers(db, artistId, search);
  return toCsv(
    t.raw("bandops.csv.fans") as string[],
    rows.map((s) => [s.email, s.source, csvTime(s.consentAt), csvTime(s.unsubscribedAt)]),
  );
}
