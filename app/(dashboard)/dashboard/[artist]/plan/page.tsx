import { getLocale, getTranslations } from "next-intl/server";
import { pageTitle } from "@/app/(dashboard)/dashboard/[artist]/page-title";
import { Notice } from "@/components/ui/notice";
import { SubmitButton } from "@/components/ui/submit-button";
import { db } from "@/db";
import { requireArtistMember } from "@/lib/artists/guard";
import { billingOverview } from "@/lib/billing";
import { formatMoney } from "@/lib/money";
import { testPaymentsActive } from "@/lib/payments";
import { manageBillingAction, upgradeAction } from "./actions";
import { InvoiceTable, SubscriptionStatus } from "./plan-parts";
import { TestBillingPanel } from "./test-panel";

export async function generateMetadata() {
  return pageTitle("plan");
}

const ERRORS = [
  "already_pro",
  "provider_failed",
  "no_subscription",
  "unavailable",
  "not_found",
  "wrong_state",
  "interval",
] as const;

/** The band's plan: what it has, what it pays, its invoices. Owners act; members read. */
export default async function PlanPage({ params, searchParams }: PageProps<"/dashboard/[artist]/plan">) {
  const { artist, role } = await requireArtistMember({ slug: (await params).artist });
  const [t, locale, query, overview] = await Promise.all([
    getTranslations("billing"),
    getLocale(),
    searchParams,
    billingOverview(db, artist.id),
  ]);
  const { plan, settings, subscription } = overview;
  const money = (amount: number, currency = settings.currency) => formatMoney(amount, currency, locale);
  const error = ERRORS.find((code) => code === query.error);
  const live = subscription && (subscription.status === "active" || subscription.status === "past_due");
  const owner = role === "owner";
  const fee = new Intl.NumberFormat(locale, { style: "percent", maximumFractionDigits: 2 }).format(
    settings.feeBasisPoints[plan] / 10_000,
  );
  return (
    <div className="space-y-6" data-testid="plan-page">
      <div>
        <h1 className="text-2xl font-semibold tracking-tight">{t("title")}</h1>
        <p className="mt-1 max-w-prose text-sm text-muted">{t("intro")}</p>
      </div>
      {error && <Notice tone="error">{t(`errors.${error}`)}</Notice>}
      {query.checkout === "done" && (
        // Back from Checkout the webhook may still be on its way: say so rather than show Free as final.
        <Notice tone="success">{plan === "pro" ? t("checkoutActive") : t("checkoutDone")}</Notice>
      )}
      {query.checkout === "canceled" && <Notice tone="info">{t("checkoutCanceled")}</Notice>}
      {query.notice === "declined" && <Notice tone="info">{t("declined")}</Notice>}
      {subscription?.status === "past_due" && subscription.graceEndsAt && plan === "pro" && (
        <div data-testid="grace-notice">
          <Notice tone="error">{t("pastDueNotice", { date: formatDate(subscription.graceEndsAt, locale) })}</Notice>
        </div>
      )}

      <section className="rounded-lg border border-line bg-white p-6 text-sm">
        <dl className="grid gap-x-6 gap-y-3 sm:grid-cols-[max-content_1fr]">
          <dt className="font-medium">{t("plan")}</dt>
          <dd data-testid="current-plan">
            <span
              className={`rounded-full px-2 py-0.5 text-xs font-medium ${plan === "pro" ? "bg-ink text-white" : "bg-stone-100"}`}
            >
              {t(`plans.${plan}`)}
            </span>
          </dd>
          <dt className="font-medium">{t("releases")}</dt>
          <dd data-testid="releases-used">
            {overview.limit === null
              ? t("releasesUnlimited", { used: overview.listed })
              : t("releasesUsed", { used: overview.listed, limit: overview.limit })}
          </dd>
          <dt className="font-medium">{t("fee")}</dt>
          <dd>{fee}</dd>
          {subscription && (
            <>
              <dt className="font-medium">{t("status")}</dt>
              <dd data-testid="subscription-status">
                <SubscriptionStatus subscription={subscription} locale={locale} />
              </dd>
            </>
          )}
        </dl>
        <p className="mt-4 text-muted">
          {t("price", { yearly: money(settings.proYearlyAmount), monthly: money(settings.proMonthlyAmount) })}
        </p>
      </section>

      {!owner ? (
        <p className="text-sm text-muted">{t("ownerOnly")}</p>
      ) : live ? (
        <form action={manageBillingAction}>
          <input type="hidden" name="artistId" value={artist.id} />
          <SubmitButton variant="secondary">{t("manage")}</SubmitButton>
        </form>
      ) : (
        <section className="rounded-lg border border-line bg-white p-6 text-sm">
          <h2 className="text-lg font-semibold">{t("upgradeTitle")}</h2>
          <form action={upgradeAction} className="mt-3 space-y-3">
            <input type="hidden" name="artistId" value={artist.id} />
            <fieldset className="space-y-2">
              <legend className="font-medium">{t("interval")}</legend>
              <label className="flex items-center gap-2">
                <input type="radio" name="interval" value="year" defaultChecked />
                {t("yearly", { amount: money(settings.proYearlyAmount) })}
              </label>
              <label className="flex items-center gap-2">
                <input type="radio" name="interval" value="month" />
                {t("monthly", { amount: money(settings.proMonthlyAmount) })}
              </label>
            </fieldset>
            <SubmitButton>{t("upgrade")}</SubmitButton>
          </form>
        </section>
      )}

      {owner && live && subscription.provider === "test" && testPaymentsActive() && (
        <TestBillingPanel artistId={artist.id} status={subscription.status} />
      )}

      <section className="space-y-2">
        <h2 className="text-lg font-semibold">{t("invoices")}</h2>
        <InvoiceTable invoices={overview.invoices} locale={locale} />
      </section>
    </div>
  );
}

function formatDate(date: Date, locale: string) {
  return new Intl.DateTimeFormat(locale, { dateStyle: "long", timeZone: "UTC" }).format(date);
}
