import type { Metadata } from "next";
import { getLocale, getTranslations } from "next-intl/server";
import Link from "next/link";
import { notFound, redirect } from "next/navigation";
import { TestDeclineForm } from "@/components/cart/test-decline-form";
import { TestPayForm } from "@/components/cart/test-pay-form";
import { db } from "@/db";
import { SOLD_ORDER_STATUSES } from "@/db/schema";
import { countryName as countryLabel } from "@/lib/countries";
import { creditPurchaseBySession } from "@/lib/credit";
import { env } from "@/lib/env";
import { translator } from "@/lib/i18n";
import { formatMoney } from "@/lib/money";
import { orderBySession, orderRows, successUrl } from "@/lib/orders";
import { testPaymentsActive } from "@/lib/payments";
import { declineTestAction, payTestAction } from "./actions";
import { CreditTestPayment } from "./credit-test";

export const metadata: Metadata = { title: "Test payment", robots: { index: false, follow: false } };

/**
 * The offline stand-in for Stripe's payment page (never in production). It says plainly that no
 * money moves, and its Pay and Decline buttons go through the same fulfilment and cancellation.
 */
export default async function TestPaymentPage({ params }: PageProps<"/checkout/test/[session]">) {
  if (!testPaymentsActive()) notFound();
  const session = (await params).session;
  const found = await orderBySession(db, session, "test");
  if (!found) {
    // A gift card or a top-up (lib/credit): paid to the platform, on its own page.
    const credit = await creditPurchaseBySession(db, session);
    if (!credit || credit.purchase.provider !== "test") notFound();
    if (credit.purchase.status !== "pending")
      redirect(`/gift/thanks?purchase=${credit.purchase.id}&session=${encodeURIComponent(session)}`);
    return <CreditTestPayment purchase={credit.purchase} band={credit.band} />;
  }
  const { order, artist, items } = found;
  if (SOLD_ORDER_STATUSES.includes(order.status)) {
    redirect(successUrl(env().APP_URL, order.id, order.providerSessionId!));
  }
  const [t, tc, locale] = await Promise.all([getTranslations("checkout"), getTranslations("cart"), getLocale()]);
  const money = (amount: number) => formatMoney(amount, order.currency, locale);
  const closed = order.status === "canceled" || order.expiresAt < new Date();
  const rows = orderRows(order, items, locale, translator(locale).t);
  const countryName = order.buyerCountry ? countryLabel(order.buyerCountry, locale) : "";

  return (
    <div className="mx-auto max-w-xl px-4 py-8 sm:py-12" data-testid="test-payment-page">
      <div
        role="note"
        className="rounded-lg border-2 border-dashed border-amber-400 bg-amber-50 px-4 py-3 text-sm font-medium text-amber-950"
        data-testid="test-banner"
      >
        {t("testBanner")}
      </div>
      <h1 className="mt-6 text-2xl font-semibold tracking-tight">{t("testTitle")}</h1>
      <p className="mt-1 text-muted">{t("testIntro", { band: artist.name })}</p>

      <table className="mt-6 w-full text-sm" data-testid="test-order-lines">
        <tbody className="divide-y divide-line border-y border-line">
          {rows.map(([label, amount], i) => (
            <tr key={i}>
              <td className="py-2 pr-4">{label}</td>
              <td className="py-2 text-right tabular-nums">{amount}</td>
            </tr>
          ))}
        </tbody>
      </table>

      {closed ? (
        <div className="mt-6 space-y-3">
          <p role="alert" className="text-sm font-medium text-red-700">
            {t("expired")}
          </p>
          <Link
            href={`/${artist.slug}/cart`}
            className="inline-block rounded-md bg-ink px-4 py-2 text-sm font-medium text-white"
          >
            {tc("title")}
          </Link>
        </div>
      ) : (
        <div className="mt-6 space-y-3">
          <TestPayForm
            action={payTestAction}
            session={order.providerSessionId!}
            payLabel={t("pay", { total: money(order.total - order.creditAmount) })}
            address={
              order.needsShipping
                ? {
                    countryName,
                    labels: {
                      title: t("address"),
                      name: t("name"),
                      line1: t("line1"),
                      line2: t("line2"),
                      postalCode: t("postalCode"),
                      city: t("city"),
                      state: t("state"),
                      country: t("countryFixed", { country: countryName }),
                    },
                  }
                : null
            }
          />
          <TestDeclineForm action={declineTestAction} session={order.providerSessionId!} label={t("decline")} />
        </div>
      )}
    </div>
  );
}
