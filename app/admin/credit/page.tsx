import type { Metadata } from "next";
import { getLocale, getTranslations } from "next-intl/server";
import { Notice } from "@/components/ui/notice";
import { db } from "@/db";
import { creditReport } from "@/lib/admin";
import { requireOperator } from "@/lib/auth/operator-guard";
import { formatMoney } from "@/lib/money";

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations("sponsor.nav"))("credit") };
}

const COLUMNS = ["outstanding", "issued", "spent", "refunded", "expired", "frozen"] as const;

/** The operator's credit report: the ledger's totals per currency, and whether it balances. */
export default async function CreditPage() {
  await requireOperator();
  const [t, locale, report] = await Promise.all([getTranslations("sponsor.credit"), getLocale(), creditReport(db)]);
  const { drifted, unbalanced } = report.check;
  return (
    <div className="space-y-6">
      <div>
        <h1 className="text-2xl font-semibold">{t("title")}</h1>
        <p className="mt-1 text-sm text-muted">{t("intro")}</p>
      </div>
      {report.currencies.length === 0 ? (
        <p className="text-sm text-muted">{t("empty")}</p>
      ) : (
        <table className="w-full text-sm" data-testid="credit-report">
          <thead>
            <tr className="border-b border-line text-left">
              <th className="py-2 pr-4">{t("currency")}</th>
              {COLUMNS.map((c) => (
                <th key={c} className="py-2 pr-4 text-right">
                  {t(c)}
                </th>
              ))}
            </tr>
          </thead>
          <tbody className="divide-y divide-line">
            {report.currencies.map((row) => (
              <tr key={row.currency} data-testid={`credit-${row.currency}`}>
                <td className="py-2 pr-4 font-medium">{row.currency}</td>
                {COLUMNS.map((c) => (
                  <td key={c} className="py-2 pr-4 text-right tabular-nums" data-testid={`credit-${row.currency}-${c}`}>
                    {formatMoney(row[c], row.currency, locale)}
                  </td>
                ))}
              </tr>
            ))}
          </tbody>
        </table>
      )}
      <div data-testid="ledger-check">
        {drifted.length === 0 && unbalanced.length === 0 ? (
          <Notice tone="success">{t("balanced")}</Notice>
        ) : (
          <Notice tone="error">
            {drifted.length > 0 && (
              <>
                <p>{t("drifted", { count: drifted.length })}</p>
                <ul className="mt-1 list-disc pl-5">
                  {drifted.map((d) => (
                    <li key={d.key}>{t("driftedRow", d)}</li>
                  ))}
                </ul>
              </>
            )}
            {unbalanced.map((u) => (
              <p key={u.currency}>
                {t("unbalanced", {
                  currency: u.currency,
                  balances: formatMoney(u.balances, u.currency, locale),
                  outstanding: formatMoney(u.outstanding, u.currency, locale),
                })}
              </p>
            ))}
          </Notice>
        )}
      </div>
    </div>
  );
}
