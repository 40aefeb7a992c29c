import { db } from "@/db";
import { csvLocale, csvResponse } from "@/lib/csv";
import { exportSubscribersCsv } from "@/lib/fans";
import { artistForDownload, notFoundResponse } from "@/lib/orders/export-access";

/** GET ?q=…: the band's subscribers (the list's search applies) as a CSV attachment. */
export async function GET(request: Request, { params }: RouteContext<"/dashboard/[artist]/fans/export">) {
  const artist = await artistForDownload(db, (await params).artist);
  if (!artist) return notFoundResponse();
  const search = new URL(request.url).searchParams.get("q") ?? undefined;
  return csvResponse(`${artist.slug}-fans.csv`, await exportSubscribersCsv(db, artist.id, csvLocale(request), search));
}
