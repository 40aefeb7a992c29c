import { db } from "@/db";
import { csvLocale, csvResponse } from "@/lib/csv";
import { artistForDownload, notFoundResponse } from "@/lib/orders/export-access";
import { exportCsv, parseExportRange } from "@/lib/orders/exports";

/** GET ?kind=orders|lines&from=YYYY-MM-DD&to=YYYY-MM-DD: the band's sales as a CSV attachment. */
export async function GET(request: Request, { params }: RouteContext<"/dashboard/[artist]/orders/export">) {
  const artist = await artistForDownload(db, (await params).artist);
  if (!artist) return notFoundResponse();
  const query = new URL(request.url).searchParams;
  const kind = query.get("kind") ?? "orders";
  const parsed = parseExportRange(query.get("from"), query.get("to"));
  if ((kind !== "orders" && kind !== "lines") || !parsed.ok) {
    return new Response("Choose dates as YYYY-MM-DD, the first on or before the last, and kind=orders or kind=lines.", {
      status: 400,
      headers: { "Content-Type": "text/plain; charset=utf-8" },
    });
  }
  const body = await exportCsv(db, artist.id, kind, parsed.range, csvLocale(request));
  const span = [query.get("from"), query.get("to")].filter(Boolean).join("_to_");
  return csvResponse(
    `${artist.slug}-${kind === "orders" ? "orders" : "sales-lines"}${span ? `-${span}` : ""}.csv`,
    body,
  );
}
