import { getTranslations } from "next-intl/server";
import { formatMoney } from "@/lib/money";
import type { CurrencyTotals, Overview } from "@/lib/stats";
import { Change } from "./change";

const MONEY_ROWS = ["gross", "fees", "refunds", "net"] as const;

/** One card per currency (never a total across currencies), then the counts, each beside the previous period's. */
export async function Figures({ overview, locale }: { overview: Overview; locale: string }) {
  const t = await getTranslations("stats");
  const { current, previous } = overview;
  const currencies = [...new Set([...current.money, ...previous.money].map((m) => m.currency))].sort();
  const zero = (currency: string): CurrencyTotals => ({ currency, gross: 0, fees: 0, refunds: 0, net: 0, orders: 0 });
  const percent = (value: number | null) =>
    value === null ? "—" : new Intl.NumberFormat(locale, { style: "percent", maximumFractionDigits: 1 }).format(value);
  const count = (value: number) => new Intl.NumberFormat(locale).format(value);
  const counts = [
    { key: "orders", now: current.orders, before: previous.orders, show: count },
    { key: "units", now: current.units, before: previous.units, show: count },
    { key: "plays", now: current.plays, before: previous.plays, show: count },
    { key: "freeDownloads", now: current.freeDownloads, before: previous.freeDownloads, show: count },
    { key: "codes", now: current.codeRedemptions, before: previous.codeRedemptions, show: count },
    {
      key: "conversion",
      now: current.conversion ?? 0,
      before: previous.conversion ?? 0,
      show: (v: number) => percent(v),
      raw: [current.conversion, previous.conversion],
    },
  ] as const;
  return (
    <div className="space-y-4">
      {currencies.length === 0 ? (
        <p className="rounded-lg border border-dashed border-stone-300 bg-white px-6 py-6 text-center text-sm text-muted">
          {t("noSales")}
        </p>
      ) : (
        <div className="grid gap-4 md:grid-cols-2" data-testid="money-figures">
          {currencies.map((currency) => {
            const now = current.money.find((m) => m.currency === currency) ?? zero(currency);
            const before = previous.money.find((m) => m.currency === currency) ?? zero(currency);
            return (
              <section
                key={currency}
                className="rounded-lg border border-line bg-white p-5"
                data-testid={`money-${currency}`}
              >
                <h2 className="text-xs font-semibold tracking-wider text-muted">{currency}</h2>
                <dl className="mt-3 divide-y divide-line text-sm">
                  {MONEY_ROWS.map((row) => (
                    <div
                      key={row}
                      className={`grid grid-cols-[1fr_auto] items-baseline gap-x-4 py-2 ${row === "net" ? "font-semibold" : ""}`}
                    >
                      <dt>{t(`kpi.${row}`)}</dt>
                      <dd className="text-right tabular-nums" data-testid={`${row}-${currency}`}>
                        {row === "fees" || row === "refunds"
                          ? now[row] > 0
                            ? `−${formatMoney(now[row], currency, locale)}`
                            : formatMoney(0, currency, locale)
                          : formatMoney(now[row], currency, locale)}
                      </dd>
                      <dd className="col-span-2 flex justify-end gap-2 text-xs font-normal text-muted">
                        <Change now={now[row]} before={before[row]} locale={locale} />
                        <span>{t("previous", { value: formatMoney(before[row], currency, locale) })}</span>
                      </dd>
                    </div>
                  ))}
                </dl>
              </section>
            );
          })}
        </div>
      )}
      <dl className="grid grid-cols-2 gap-4 sm:grid-cols-3 lg:grid-cols-6" data-testid="count-figures">
        {counts.map((c) => (
          <div key={c.key} className="rounded-lg border border-line bg-white p-4">
            <dt className="text-xs text-muted">{t(`kpi.${c.key}`)}</dt>
            <dd className="mt-1 text-xl font-semibold tabular-nums" data-testid={`kpi-${c.key}`}>
              {"raw" in c ? percent(c.raw[0]) : c.show(c.now)}
            </dd>
            <dd className="mt-1 flex flex-wrap gap-x-2 text-xs text-muted">
              <Change now={c.now} before={c.before} locale={locale} />
              <span>{t("previous", { value: "raw" in c ? percent(c.raw[1]) : c.show(c.before) })}</span>
            </dd>
          </div>
        ))}
      </dl>
      <p className="text-xs text-muted">
        {t("netHelp")} {t("conversionHelp")}
      </p>
    </div>
  );
}
