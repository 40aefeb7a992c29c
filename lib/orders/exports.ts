import type { DbOrTx } from "@/db/client";
import { ordersForExport, salesLinesForExport, type ExportRange } from "@/db/queries/orders";
import type { OrderItem } from "@/db/schema";
import { currentCountryCode } from "@/lib/countries";
import { csvAmount, csvTime, toCsv, type Cell } from "@/lib/csv";
import { translator } from "@/lib/i18n";
import { formatAddress } from "./receipt";

export type ExportKind = "orders" | "lines";

const DAY = /^(\d{4})-(\d{2})-(\d{2})$/;

/**
 * `from` and `to` as the date inputs send them (YYYY-MM-DD, UTC days, both inclusive). Empty
 * means open-ended; anything else is refused rather than silently exporting everything.
 */
export function parseExportRange(
  from: string | null,
  to: string | null,
): { ok: true; range: ExportRange } | { ok: false } {
  const day = (text: string | null, next: boolean): Date | null | undefined => {
    if (!text) return null;
    const m = DAY.exec(text);
    if (!m) return undefined;
    const date = new Date(Date.UTC(+m[1], +m[2] - 1, +m[3] + (next ? 1 : 0)));
    return date.getUTCFullYear() === +m[1] &&
      (next || (date.getUTCMonth() === +m[2] - 1 && date.getUTCDate() === +m[3]))
      ? date
      : undefined;
  };
  const start = day(from, false);
  const end = day(to, true);
  if (start === undefined || end === undefined || (start && end && start >= end)) return { ok: false };
  return { ok: true, range: { from: start ?? undefined, to: end ?? undefined } };
}

const itemLabel = (item: OrderItem) =>
  `${item.quantity > 1 ? `${item.quantity} × ` : ""}${item.title}${item.optionLabel ? ` (${item.optionLabel})` : ""}`;

/** The band's orders or sales lines as CSV, headers in the member's language. */
export async function exportCsv(
  db: DbOrTx,
  artistId: string,
  kind: ExportKind,
  range: ExportRange,
  locale: string,
): Promise<string> {
  const { t } = translator(locale);
  if (kind === "orders") {
    const [rows, lines] = await Promise.all([
      ordersForExport(db, artistId, range),
      salesLinesForExport(db, artistId, range),
    ]);
    const itemsOf = (orderId: string) => lines.filter((l) => l.order.id === orderId).map((l) => l.item);
    return toCsv(
      t.raw("bandops.csv.orders") as string[],
      rows.map((o): Cell[] => {
        const items = itemsOf(o.id);
        const physical = items.filter((i) => i.kind === "product");
        const money = (n: number) => csvAmount(n, o.currency);
        return [
          o.id,
          csvTime(o.paidAt),
          o.status,
          o.email,
          currentCountryCode(o.buyerCountry) ?? o.buyerCountry,
          o.currency,
          money(o.subtotal),
          money(o.shipping),
          money(o.discount),
          money(o.tax),
          money(o.total),
          money(o.refundedAmount),
          money(o.platformFee),
          o.provider,
          o.providerPaymentId,
          o.source,
          o.sourceHost,
          items.map(itemLabel).join("; "),
          o.shippingAddress ? formatAddress(o.shippingAddress, locale).replace(/\n/g, ", ") : "",
          physical.length
            ? physical.every((i) => i.shippedAt)
              ? "yes"
              : physical.some((i) => i.shippedAt)
                ? "partly"
                : "no"
            : "",
          // VAT (appended, so spreadsheets built on the older columns keep working).
          money(o.vatPlatform),
          money(o.vatSeller),
          money(o.total - o.tax),
          o.vatCountry,
          money(o.creditAmount),
        ];
      }),
    );
  }
  const lines = await salesLinesForExport(db, artistId, range);
  return toCsv(
    t.raw("bandops.csv.lines") as string[],
    lines.map(({ order: o, item: i }): Cell[] => [
      o.id,
      csvTime(o.paidAt),
      o.status,
      o.email,
      i.kind,
      i.title,
      i.optionLabel,
      i.quantity,
      i.currency,
      csvAmount(i.unitAmount, i.currency),
      csvAmount(i.unitAmount * i.quantity, i.currency),
      csvTime(i.shippedAt),
      i.carrier,
      i.trackingNumber,
      // Stamped when the order was created; empty for lines sold before VAT was recorded.
      i.grossAmount === null ? "" : csvAmount(i.grossAmount, i.currency),
      (i.vatRateBasisPoints / 100).toFixed(2),
      csvAmount(i.vatAmount, i.currency),
      i.vatLiability,
    ]),
  );
}
