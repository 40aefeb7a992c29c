import { getFormatter, getLocale, getTranslations } from "next-intl/server";
import { redeemGiftAction } from "@/app/(shop)/gift/redeem/actions";
import { topUpAction } from "@/app/(shop)/library/credit-actions";
import { RedeemCreditForm } from "@/components/credit/redeem-credit-form";
import { TopUpForm } from "@/components/credit/top-up-form";
import { ClientMessages } from "@/components/i18n/client-messages";
import { db } from "@/db";
import { CURRENCIES } from "@/lib/artists";
import { fanActivity, fanBalances, type FanBalance } from "@/lib/credit";
import { formatMoney } from "@/lib/money";

/** A fan's credit in /library: balances by currency and scope, recent movements, redeem and top up. */
export async function CreditSummary({ email }: { email: string }) {
  const [t, format, locale, balances, activity] = await Promise.all([
    getTranslations("gifts.library"),
    getFormatter(),
    getLocale(),
    fanBalances(db, email),
    fanActivity(db, email),
  ]);
  const day = (date: Date) => format.dateTime(date, { dateStyle: "medium" });
  const line = (b: FanBalance) => {
    const amount = formatMoney(b.amount, b.currency, locale);
    if (b.sponsor) {
      const notes = [
        b.sponsor.rules.digitalOnly ? t("digitalOnly") : null,
        b.sponsor.endsAt ? t("until", { date: day(b.sponsor.endsAt) }) : null,
      ].filter(Boolean);
      return `${t("sponsor", { amount, sponsor: b.sponsor.name })}${notes.length ? ` (${notes.join(", ")})` : ""}`;
    }
    return b.band ? t("band", { amount, band: b.band.name }) : t("platform", { amount });
  };
  return (
    <section className="border-b border-line py-6" data-testid="library-credit" aria-labelledby="library-credit-title">
      <h2 id="library-credit-title" className="text-lg font-semibold">
        {t("title")}
      </h2>
      {balances.length ? (
        <ul className="mt-3 space-y-1" data-testid="library-balances">
          {balances.map((b) => (
            <li key={b.accountId} className="text-xl font-semibold tabular-nums" data-testid="library-balance">
              {line(b)}
            </li>
          ))}
        </ul>
      ) : (
        <p className="mt-2 text-sm text-muted">{t("none")}</p>
      )}
      {activity.length > 0 && (
        <details className="mt-4" open={balances.length > 0}>
          <summary className="cursor-pointer text-sm font-medium">{t("activity")}</summary>
          <ul className="mt-2 divide-y divide-line text-sm" data-testid="library-activity">
            {activity.map((a) => (
              <li key={a.id} className="flex justify-between gap-4 py-1.5">
                <span>
                  {t(`kind.${a.kind}`, { band: a.band ?? "—" })}
                  <span className="text-muted"> · {day(a.at)}</span>
                </span>
                <span className={`tabular-nums ${a.amount < 0 ? "text-muted" : ""}`}>
                  {a.amount > 0 ? "+" : "−"}
                  {formatMoney(Math.abs(a.amount), a.currency, locale)}
                </span>
              </li>
            ))}
          </ul>
        </details>
      )}
      <ClientMessages namespaces={["gifts.redeem", "gifts.buy", "gifts.library"]}>
        <div className="mt-6 grid gap-6 sm:grid-cols-2">
          <div>
            <h3 className="mb-2 text-sm font-semibold">{t("redeemTitle")}</h3>
            <RedeemCreditForm action={redeemGiftAction} signedIn initialCode="" showLibraryLink={false} />
          </div>
          <div>
            <h3 className="mb-1 text-sm font-semibold">{t("addTitle")}</h3>
            <p className="mb-2 text-xs text-muted">{t("addIntro")}</p>
            <TopUpForm action={topUpAction} currencies={CURRENCIES} defaultCurrency={balances[0]?.currency ?? "EUR"} />
          </div>
        </div>
      </ClientMessages>
    </section>
  );
}
