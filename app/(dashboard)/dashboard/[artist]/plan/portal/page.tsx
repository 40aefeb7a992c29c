import type { Metadata } from "next";
import { getLocale, getTranslations } from "next-intl/server";
import Link from "next/link";
import { notFound } from "next/navigation";
import { testBillingAction } from "@/app/(dashboard)/dashboard/[artist]/plan/actions";
import { InvoiceTable, SubscriptionStatus } from "@/app/(dashboard)/dashboard/[artist]/plan/plan-parts";
import { SubmitButton } from "@/components/ui/submit-button";
import { db } from "@/db";
import { requireArtistMember } from "@/lib/artists/guard";
import { billingOverview } from "@/lib/billing";
import { testPaymentsActive } from "@/lib/payments";

export const metadata: Metadata = { title: "Billing (test)", robots: { index: false, follow: false } };

/** Stands in for Stripe's customer portal when test payments are on: cancel or resume, invoices. */
export default async function TestPortalPage({ params }: PageProps<"/dashboard/[artist]/plan/portal">) {
  const { artist } = await requireArtistMember({ slug: (await params).artist }, "owner");
  if (!testPaymentsActive()) notFound();
  const [t, locale, overview] = await Promise.all([
    getTranslations("billing.test"),
    getLocale(),
    billingOverview(db, artist.id),
  ]);
  const sub = overview.subscription;
  const live = sub && (sub.status === "active" || sub.status === "past_due");
  return (
    <div className="max-w-2xl space-y-6" data-testid="test-portal">
      <div
        role="note"
        className="rounded-lg border-2 border-dashed border-amber-400 bg-amber-50 px-4 py-3 text-sm font-medium text-amber-950"
      >
        {t("portalBanner")}
      </div>
      <div>
        <h1 className="text-2xl font-semibold tracking-tight">{t("portalTitle")}</h1>
        <p className="mt-1 text-sm text-muted">{t("portalIntro")}</p>
      </div>
      {sub && (
        <p className="text-sm" data-testid="portal-status">
          <SubscriptionStatus subscription={sub} locale={locale} />
        </p>
      )}
      {live && (
        <form action={testBillingAction}>
          <input type="hidden" name="artistId" value={artist.id} />
          <input type="hidden" name="step" value={sub.cancelAtPeriodEnd ? "resume" : "cancelAtEnd"} />
          <SubmitButton variant={sub.cancelAtPeriodEnd ? "primary" : "danger"}>
            {sub.cancelAtPeriodEnd ? t("resume") : t("cancelAtEnd")}
          </SubmitButton>
        </form>
      )}
      <InvoiceTable invoices={overview.invoices} locale={locale} />
      <Link href={`/dashboard/${artist.slug}/plan`} className="inline-block text-sm underline underline-offset-2">
        {t("back")}
      </Link>
    </div>
  );
}
