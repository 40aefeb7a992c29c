import type { Metadata } from "next";
import { getLocale, getTranslations } from "next-intl/server";
import Link from "next/link";
import { notFound } from "next/navigation";
import { testFanCheckoutAction } from "@/app/(shop)/[artist]/subscribe/actions";
import { TestSubscriptionButtons } from "@/components/payments/test-subscription-buttons";
import { db } from "@/db";
import { getArtistBySlug } from "@/lib/artists";
import { testFanCheckout } from "@/lib/fan-subscriptions";
import { localeHref } from "@/lib/i18n/locale-href";
import { formatMoney } from "@/lib/money";
import { testPaymentsActive } from "@/lib/payments";

export const metadata: Metadata = { title: "Test payment", robots: { index: false, follow: false } };

/** The offline stand-in for Stripe Checkout (subscription mode), never in production: no money moves. */
export default async function TestFanCheckoutPage({ params }: PageProps<"/[artist]/subscribe/checkout/[session]">) {
  const { artist: slug, session } = await params;
  if (!testPaymentsActive()) notFound();
  const [artist, sub] = await Promise.all([getArtistBySlug(db, slug), testFanCheckout(db, session)]);
  if (!artist || !sub || sub.artistId !== artist.id) notFound();
  const [t, locale, backHref] = await Promise.all([
    getTranslations("fanSubs.test"),
    getLocale(),
    localeHref(`/${artist.slug}/subscribe`),
  ]);
  const amount = formatMoney(sub.amount, sub.currency, locale);
  const band = artist.name;
  return (
    <div className="mx-auto max-w-md space-y-6 px-4 py-12 sm:px-6" data-testid="test-fan-checkout">
      <div
        role="note"
        className="rounded-lg border-2 border-dashed border-amber-400 bg-amber-50 px-4 py-3 text-sm font-medium text-amber-950"
      >
        {t("banner")}
      </div>
      <h1 className="text-2xl font-semibold tracking-tight">{t("title", { band })}</h1>
      <table className="w-full text-sm">
        <tbody className="divide-y divide-line border-y border-line">
          <tr>
            <td className="py-2 pr-4">{t("line", { band, interval: t(`intervals.${sub.interval}`) })}</td>
            <td className="py-2 text-right tabular-nums">{amount}</td>
          </tr>
          <tr>
            <td className="py-2 pr-4 text-muted" colSpan={2}>
              {sub.email}
            </td>
          </tr>
        </tbody>
      </table>
      {sub.status !== "incomplete" ? (
        <p className="text-sm">
          {t("used")}{" "}
          <Link href={backHref} className="underline underline-offset-2">
            {band}
          </Link>
        </p>
      ) : (
        <div className="space-y-3">
          <TestSubscriptionButtons
            action={testFanCheckoutAction}
            fields={{ artist: artist.slug, session }}
            payLabel={t("pay", { amount })}
            declineLabel={t("decline")}
          />
        </div>
      )}
    </div>
  );
}
