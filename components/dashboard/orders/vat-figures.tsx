import { getLocale, getTranslations } from "next-intl/server";
import { ListTable } from "@/components/ui/list-table";
import { db } from "@/db";
import { formatMoney } from "@/lib/money";
import { bandVatByQuarter } from "@/lib/stats";

/**
 * The band's sales with and without VAT, per quarter and currency: what fans paid, the VAT the
 * platform declares for digital sales to the EU and the UK, the VAT the band owes itself, and the rest.
 */
export async function VatFigures({ artistId }: { artistId: string }) {
  const [t, locale, rows] = await Promise.all([
    getTranslations("stats.vat"),
    getLocale(),
    bandVatByQuarter(db, artistId),
  ]);
  if (rows.length === 0) return null;
  const money = (amount: number, currency: string) => formatMoney(amount, currency, locale);
  return (
    <section className="space-y-2" aria-labelledby="vat-figures-title">
      <h2 id="vat-figures-title" className="text-lg font-semibold">
        {t("title")}
      </h2>
      <p className="text-sm text-muted">{t("intro")}</p>
      <ListTable
        testId="band-vat"
        label={t("title")}
        empty={null}
        head={
          <>
            <th className="px-3 py-2">{t("quarter")}</th>
            <th className="px-3 py-2 text-right">{t("orders")}</th>
            <th className="px-3 py-2 text-right">{t("gross")}</th>
            <th className="px-3 py-2 text-right">{t("vatPlatform")}</th>
            <th className="px-3 py-2 text-right">{t("vatSeller")}</th>
            <th className="px-3 py-2 text-right">{t("net")}</th>
          </>
        }
      >
        {rows.map((r) => (
          <tr key={`${r.quarter}-${r.currency}`} data-testid="band-vat-row">
            <td className="px-3 py-2 tabular-nums">
              {r.quarter} · {r.currency}
            </td>
            <td className="px-3 py-2 text-right tabular-nums">{r.orders}</td>
            <td className="px-3 py-2 text-right tabular-nums">{money(r.gross, r.currency)}</td>
            <td className="px-3 py-2 text-right tabular-nums">{money(r.vatPlatform, r.currency)}</td>
            <td className="px-3 py-2 text-right tabular-nums">{money(r.vatSeller, r.currency)}</td>
            <td className="px-3 py-2 text-right tabular-nums">{money(r.net, r.currency)}</td>
          </tr>
        ))}
      </ListTable>
    </section>
  );
}
