import { getTranslations } from "next-intl/server";
import { formatMoney } from "@/lib/orders/pricing";
import type { BreakdownRow } from "@/lib/stats";

/** A breakdown as a table: each currency on its own line in the amount cell, never added up. */
export async function BreakdownTable({ id, title, note, rows, label, measure, locale }: {
  id: string;
  title: string;
  note: string;
  rows: BreakdownRow[];
  label: (row: BreakdownRow) => string;
  measure: "units" | "plays";
  locale: string;
}) {
  const t = await getTranslations("stats.breakdowns");
  const count = new Intl.NumberFormat(locale);
  return (
    <section className="rounded-lg border border-line bg-white" data-testid={`breakdown-${id}`}>
      <header className="border-b border-line px-4 py-3">
        <h2 className="font-semibold">{title}</h2>
        <p className="text-xs text-muted">{note}</p>
      </header>
      {rows.length === 0 ? (
        <p className="px-4 py-6 text-center text-sm text-muted">{t("empty")}</p>
      ) : (
        <div className="overflow-x-auto">
          <table className="w-full text-sm">
            <thead className="text-xs text-muted">
              <tr className="border-b border-line">
                <th className="px-4 py-2 text-left font-medium">{t("columns.name")}</th>
                <th className="px-3 py-2 text-right font-medium">{t("columns.orders")}</th>
                <th className="px-3 py-2 text-right font-medium">{t(`columns.${measure}`)}</th>
                <th className="px-3 py-2 text-right font-medium">{t("columns.amount")}</th>
              </tr>
            </thead>
            <tbody className="divide-y divide-line">
              {rows.map((row) => (
                <tr key={`${row.key}:${row.host ?? ""}`}>
                  <td className="w-full max-w-0 px-4 py-2 [overflow-wrap:anywhere]">
                    {label(row)}
                  </td>
                  <td className="px-3 py-2 text-right tabular-nums">{count.format(row.orders)}</td>
                  <td className="px-3 py-2 text-right tabular-nums">{count.format(row[measure])}</td>
                  <td className="px-3 py-2 text-right tabular-nums whitespace-nowrap">
                    {row.money.length === 0
                      ? "—"
                      : row.money.map((m) => (
                          <span key={m.currency} className="block">
                            {formatMoney(m.amount, m.currency, locale)}
                          </span>
                        ))}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </section>
  );
}
