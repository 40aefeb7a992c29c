import { getTranslations } from "next-intl/server";
import { formatMoney } from "@/lib/money";
import type { BreakdownRow } from "@/lib/stats";
import { StatsPanel } from "./stats-panel";

/** A breakdown as a table: each currency on its own line in the amount cell, never added up. */
export async function BreakdownTable({
  id,
  title,
  note,
  rows,
  label,
  measure,
  locale,
}: {
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
    <StatsPanel
      testId={`breakdown-${id}`}
      title={title}
      note={note}
      empty={rows.length === 0 ? t("empty") : null}
      head={
        <>
          <th className="px-4 py-2 text-left font-medium">{t("columns.name")}</th>
          <th className="px-3 py-2 text-right font-medium">{t("columns.orders")}</th>
          <th className="px-3 py-2 text-right font-medium">{t(`columns.${measure}`)}</th>
          <th className="px-3 py-2 text-right font-medium">{t("columns.amount")}</th>
        </>
      }
    >
      {rows.map((row) => (
        <tr key={`${row.key}:${row.host ?? ""}`}>
          <td className="w-full max-w-0 px-4 py-2 [overflow-wrap:anywhere]">{label(row)}</td>
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
    </StatsPanel>
  );
}
