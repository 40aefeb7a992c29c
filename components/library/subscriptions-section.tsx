import { getFormatter, getLocale, getTranslations } from "next-intl/server";
import Link from "next/link";
import { changeSubscriptionAction } from "@/app/(shop)/library/subscription-actions";
import { db } from "@/db";
import { listFanSubscriptions, type FanSubscriptionRow } from "@/lib/fan-subscriptions";
import { localeHref } from "@/lib/i18n/locale-href";
import { formatMoney } from "@/lib/money";
import { SubscriptionButton } from "./subscription-button";

const BADGE = {
  active: "bg-emerald-50 text-emerald-900 ring-emerald-200",
  past_due: "bg-amber-50 text-amber-950 ring-amber-300",
  canceled: "bg-stone-100 text-stone-700 ring-stone-300",
  incomplete: "bg-stone-100 text-stone-700 ring-stone-300",
} as const;

/** The library's "Subscriptions": each band the fan subscribes to, with cancel (at period end) and resume. */
export async function SubscriptionsSection({ email }: { email: string }) {
  const subscriptions = await listFanSubscriptions(db, email);
  const t = await getTranslations("fanSubs.library");
  return (
    <section
      id="subscriptions"
      aria-labelledby="subscriptions-title"
      className="scroll-mt-6 border-b border-line py-6"
      data-testid="library-subscriptions"
    >
      <h2 id="subscriptions-title" className="text-lg font-semibold">
        {t("title")}
      </h2>
      {subscriptions.length === 0 ? (
        <p className="mt-3 text-sm text-muted">{t("empty")}</p>
      ) : (
        <ul className="mt-3 space-y-3">
          {subscriptions.map((sub) => (
            <SubscriptionCard key={sub.id} sub={sub} />
          ))}
        </ul>
      )}
    </section>
  );
}

async function SubscriptionCard({ sub }: { sub: FanSubscriptionRow }) {
  const [t, format, locale, shopHref] = await Promise.all([
    getTranslations("fanSubs.library"),
    getFormatter(),
    getLocale(),
    localeHref(`/${sub.artist.slug}`),
  ]);
  const day = (date: Date | null) => (date ? format.dateTime(date, { dateStyle: "long" }) : "");
  const live = sub.status === "active" || sub.status === "past_due";
  const note =
    sub.status === "canceled"
      ? t("ended")
      : sub.status === "past_due"
        ? t("grace", { date: day(sub.graceEndsAt) })
        : sub.cancelAtPeriodEnd
          ? t("ends", { date: day(sub.currentPeriodEnd) })
          : t("renews", { date: day(sub.currentPeriodEnd) });
  return (
    <li
      className="rounded-lg border border-line bg-white p-4"
      data-testid="library-subscription"
      data-status={sub.status}
    >
      <div className="flex flex-wrap items-baseline justify-between gap-2">
        <Link href={shopHref} className="font-semibold underline-offset-2 hover:underline">
          {sub.artist.name}
        </Link>
        <span className={`rounded-full px-2 py-0.5 text-xs font-medium ring-1 ${BADGE[sub.status]}`}>
          {t(`status.${sub.status === "incomplete" ? "canceled" : sub.status}`)}
        </span>
      </div>
      <p className="mt-1 text-sm text-muted">
        {t("price", { amount: formatMoney(sub.amount, sub.currency, locale), interval: t(`per.${sub.interval}`) })}
      </p>
      <p className="mt-1 text-sm" data-testid="library-subscription-note">
        {note}
      </p>
      {live && (
        <div className="mt-3">
          <SubscriptionButton
            action={changeSubscriptionAction}
            subscriptionId={sub.id}
            cancel={!sub.cancelAtPeriodEnd}
            label={sub.cancelAtPeriodEnd ? t("resume") : t("cancel")}
          />
        </div>
      )}
    </li>
  );
}
