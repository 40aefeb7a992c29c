import type { Metadata } from "next";
import { getLocale, getTranslations } from "next-intl/server";
import { control } from "@/components/ui/field";
import { ListTable } from "@/components/ui/list-table";
import { Notice } from "@/components/ui/notice";
import { db } from "@/db";
import { MAX_RANGE_DAYS, platformRevenue, revenueTotals, withEmptyPeriods, type Bucket } from "@/lib/admin";
import { requireOperator } from "@/lib/auth/operator-guard";
import { formatMoney } from "@/lib/money";
import { RevenueChart } from "./revenue-chart";

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations("admin.nav"))("revenue") };
}

const DAY = 86_400_000;
const isoDay = (d: Date) => d.toISOString().slice(0, 10);

/** The range from the query (YYYY-MM-DD, UTC, `to` included), 90 days back by default; null when it makes no sense. */
function parseRange(from?: string, to?: string) {
  const end = to ? new Date(`${to}T00:00:00Z`) : new Date(Date.now() - (Date.now() % DAY));
  const start = from ? new Date(`${from}T00:00:00Z`) : new Date(end.getTime() - 89 * DAY);
  if (Number.isNaN(start.getTime()) || Number.isNaN(end.getTime()) || start > end) return null;
  if ((end.getTime() - start.getTime()) / DAY > MAX_RANGE_DAYS) return null;
  return { from: start, to: new Date(end.getTime() + DAY) };
}

export default async function RevenuePage({ searchParams }: PageProps<"/admin/revenue">) {
  await requireOperator();
  const params = await searchParams;
  const str = (k: string) => (typeof params[k] === "string" ? (params[k] as string) : undefined);
  const bucket: Bucket = str("bucket") === "week" || str("bucket") === "month" ? (str("bucket") as Bucket) : "day";
  const range = parseRange(str("from"), str("to")) ?? parseRange()!;
  const invalid = parseRange(str("from"), str("to")) === null;
  const [t, locale, rows] = await Promise.all([
    getTranslations("admin.revenue"),
    getLocale(),
    platformRevenue(db, { ...range, bucket }),
  ]);
  const totals = revenueTotals(rows);
  const money = (amount: number, currency: string) => formatMoney(amount, currency, locale);
  return (
    <div className="space-y-6">
      <h1 className="text-2xl font-semibold">{t("title")}</h1>
      <form className="flex flex-wrap items-end gap-3">
        <label className="grid gap-1 text-sm">
          {t("from")}
          <input type="date" name="from" defaultValue={isoDay(range.from)} className={control} />
        </label>
        <label className="grid gap-1 text-sm">
          {t("to")}
          <input type="date" name="to" defaultValue={isoDay(new Date(range.to.getTime() - DAY))} className={control} />
        </label>
        <label className="grid gap-1 text-sm">
          {t("bucket")}
          <select name="bucket" defaultValue={bucket} className={control}>
            {(["day", "week", "month"] as const).map((b) => (
              <option key={b} value={b}>
                {t(`buckets.${b}`)}
              </option>
            ))}
          </select>
        </label>
        <button type="submit" className="rounded-md bg-ink px-4 py-2 text-sm font-medium text-white">
          {t("show")}
        </button>
      </form>
      {invalid && <Notice tone="error">{t("badRange", { days: MAX_RANGE_DAYS })}</Notice>}
      {totals.map((total) => (
        <section key={total.currency} className="space-y-2">
          <h2 className="text-lg font-semibold">
            {t("inCurrency", { currency: total.currency })} ·{" "}
            {t("total", { amount: money(total.fees + total.subscriptions, total.currency) })}
          </h2>
          <RevenueChart
            labels={{ fees: t("fees"), subscriptions: t("subscriptions") }}
            currency={total.currency}
            locale={locale}
            points={withEmptyPeriods(rows, { ...range, bucket }, total.currency)}
          />
        </section>
      ))}
      <ListTable
        testId="admin-revenue"
        empty={rows.length === 0 ? t("empty") : null}
        head={
          <>
            <th className="px-3 py-2">{t("period")}</th>
            <th className="px-3 py-2">{t("currency")}</th>
            <th className="px-3 py-2 text-right">{t("fees")}</th>
            <th className="px-3 py-2 text-right">{t("subscriptions")}</th>
          </>
        }
      >
        {rows.map((r) => (
          <tr key={`${r.period}-${r.currency}`}>
            <td className="px-3 py-2 tabular-nums">{r.period}</td>
            <td className="px-3 py-2">{r.currency}</td>
            <td className="px-3 py-2 text-right tabular-nums">{money(r.fees, r.currency)}</td>
            <td className="px-3 py-2 text-right tabular-nums">{money(r.subscriptions, r.currency)}</td>
          </tr>
        ))}
        {totals.map((r) => (
          <tr key={`total-${r.currency}`} className="font-semibold">
            <td className="px-3 py-2">{t("totalRow")}</td>
            <td className="px-3 py-2">{r.currency}</td>
            <td className="px-3 py-2 text-right tabular-nums">{money(r.fees, r.currency)}</td>
            <td className="px-3 py-2 text-right tabular-nums">{money(r.subscriptions, r.currency)}</td>
          </tr>
        ))}
      </ListTable>
    </div>
  );
}
