import type { Metadata } from "next";
import { getLocale, getTranslations } from "next-intl/server";
import Link from "next/link";
import { notFound } from "next/navigation";
import { testCheckoutAction } from "@/app/(dashboard)/dashboard/[artist]/plan/actions";
import { TestSubscriptionButtons } from "@/components/payments/test-subscription-buttons";
import { db } from "@/db";
import { requireArtistMember } from "@/lib/artists/guard";
import { testCheckoutSubscription } from "@/lib/billing";
import { formatMoney } from "@/lib/money";
import { testPaymentsActive } from "@/lib/payments";

export const metadata: Metadata = { title: "Test payment", robots: { index: false, follow: false } };

/** The offline stand-in for Stripe Checkout (subscription mode), never in production: no money moves. */
export default async function TestPlanCheckoutPage({
  params,
}: PageProps<"/dashboard/[artist]/plan/checkout/[session]">) {
  const { artist: slug, session } = await params;
  const { artist } = await requireArtistMember({ slug }, "owner");
  if (!testPaymentsActive()) notFound();
  const sub = await testCheckoutSubscription(db, session);
  if (!sub || sub.artistId !== artist.id) notFound();
  const [t, tb, locale] = await Promise.all([getTranslations("billing.test"), getTranslations("billing"), getLocale()]);
  const amount = formatMoney(sub.amount, sub.currency, locale);
  return (
    <div className="max-w-xl space-y-6" data-testid="test-plan-checkout">
      <div
        role="note"
        className="rounded-lg border-2 border-dashed border-amber-400 bg-amber-50 px-4 py-3 text-sm font-medium text-amber-950"
        data-testid="test-banner"
      >
        {t("banner")}
      </div>
      <h1 className="text-2xl font-semibold tracking-tight">{t("checkoutTitle", { band: artist.name })}</h1>
      <table className="w-full text-sm">
        <tbody className="divide-y divide-line border-y border-line">
          <tr>
            <td className="py-2 pr-4">{t("checkoutLine", { interval: t(`intervals.${sub.interval}`) })}</td>
            <td className="py-2 text-right tabular-nums">{amount}</td>
          </tr>
        </tbody>
      </table>
      {sub.status !== "incomplete" ? (
        <p className="text-sm">
          {t("used")}{" "}
          <Link href={`/dashboard/${artist.slug}/plan`} className="underline underline-offset-2">
            {t("back")}
          </Link>
        </p>
      ) : (
        <div className="space-y-3">
          <TestSubscriptionButtons
            action={testCheckoutAction}
            fields={{ artistId: artist.id, session }}
            payLabel={t("pay", { amount })}
            declineLabel={t("decline")}
          />
          <p className="text-xs text-muted">{tb("intro")}</p>
        </div>
      )}
    </div>
  );
}
