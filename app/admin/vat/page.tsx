import type { Metadata } from "next";
import { getLocale, getTranslations } from "next-intl/server";
import { control } from "@/components/ui/field";
import { ListTable } from "@/components/ui/list-table";
import { Notice } from "@/components/ui/notice";
import { db } from "@/db";
import { ossReturn, ossTotals, parseQuarter, quarterLabel, quarterOf, recentQuarters } from "@/lib/admin";
import { requireOperator } from "@/lib/auth/operator-guard";
import { countryName } from "@/lib/countries";
import { formatMoney } from "@/lib/money";
import { formatRate } from "@/lib/vat";

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations("admin.nav"))("vat") };
}

/** The One-Stop-Shop figures of a quarter (?quarter=2026-Q4, the current one by default), and their CSV. */
export default async function VatReportPage({ searchParams }: PageProps<"/admin/vat">) {
  await requireOperator();
  const asked = (await searchParams).quarter;
  const text = typeof asked === "string" ? asked : undefined;
  const quarter = parseQuarter(text) ?? quarterOf(new Date());
  const invalid = text !== undefined && parseQuarter(text) === null;
  const [t, locale, rows] = await Promise.all([getTranslations("admin.vat"), getLocale(), ossReturn(db, quarter)]);
  const money = (amount: number, currency: string) => formatMoney(amount, currency, locale);
  const label = quarterLabel(quarter);
  const choices = recentQuarters(new Date()).map(quarterLabel);
  if (!choices.includes(label)) choices.push(label);
  return (
    <div className="space-y-6">
      <h1 className="text-2xl font-semibold">{t("title")}</h1>
      <p className="max-w-3xl text-sm text-muted">{t("intro")}</p>
      <form className="flex flex-wrap items-end gap-3">
        <label className="grid gap-1 text-sm">
          {t("quarter")}
          <select name="quarter" defaultValue={label} className={control}>
            {choices.map((choice) => (
              <option key={choice} value={choice}>
                {choice}
              </option>
            ))}
          </select>
        </label>
        <button type="submit" className="rounded-md bg-ink px-4 py-2 text-sm font-medium text-white">
          {t("show")}
        </button>
        <a
          href={`/admin/vat/csv?quarter=${label}`}
          className="rounded-md border border-stone-300 px-4 py-2 text-sm font-medium hover:bg-stone-50"
          data-testid="oss-csv"
          download
        >
          {t("download")}
        </a>
      </form>
      {invalid && <Notice tone="error">{t("badQuarter")}</Notice>}
      <ListTable
        testId="admin-oss"
        empty={rows.length === 0 ? t("empty") : null}
        head={
          <>
            <th className="px-3 py-2">{t("country")}</th>
            <th className="px-3 py-2 text-right">{t("rate")}</th>
            <th className="px-3 py-2">{t("currency")}</th>
            <th className="px-3 py-2 text-right">{t("taxable")}</th>
            <th className="px-3 py-2 text-right">{t("vat")}</th>
            <th className="px-3 py-2 text-right">{t("receipts")}</th>
            <th className="px-3 py-2 text-right">{t("creditNotes")}</th>
          </>
        }
      >
        {rows.map((r) => (
          <tr key={`${r.country}-${r.rateBasisPoints}-${r.currency}`} data-testid="oss-row">
            <td className="px-3 py-2">
              {r.country ? `${countryName(r.country, locale)} (${r.country})` : t("unknownCountry")}
            </td>
            <td className="px-3 py-2 text-right tabular-nums">{formatRate(r.rateBasisPoints, locale)}</td>
            <td className="px-3 py-2">{r.currency}</td>
            <td className="px-3 py-2 text-right tabular-nums">{money(r.taxable, r.currency)}</td>
            <td className="px-3 py-2 text-right tabular-nums">{money(r.vat, r.currency)}</td>
            <td className="px-3 py-2 text-right tabular-nums">{r.receipts}</td>
            <td className="px-3 py-2 text-right tabular-nums">{r.creditNotes}</td>
          </tr>
        ))}
        {ossTotals(rows).map((r) => (
          <tr key={`total-${r.currency}`} className="font-semibold" data-testid="oss-total">
            <td className="px-3 py-2" colSpan={2}>
              {t("totalRow")}
            </td>
            <td className="px-3 py-2">{r.currency}</td>
            <td className="px-3 py-2 text-right tabular-nums">{money(r.taxable, r.currency)}</td>
            <td className="px-3 py-2 text-right tabular-nums">{money(r.vat, r.currency)}</td>
            <td colSpan={2} />
          </tr>
        ))}
      </ListTable>
    </div>
  );
}
