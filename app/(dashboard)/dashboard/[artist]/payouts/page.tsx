import { getTranslations } from "next-intl/server";
import { pageTitle } from "@/app/(dashboard)/dashboard/[artist]/page-title";
import { Notice } from "@/components/ui/notice";
import { SubmitButton } from "@/components/ui/submit-button";
import type { Artist } from "@/db/schema";
import { requireArtistMember } from "@/lib/artists/guard";
import { testPaymentsActive } from "@/lib/payments";
import { startPayoutOnboardingAction } from "./actions";

const tones: Record<Artist["payoutStatus"], string> = {
  none: "bg-stone-100 text-muted",
  pending: "bg-amber-50 text-amber-900",
  active: "bg-emerald-50 text-emerald-800",
};

export async function generateMetadata() {
  return pageTitle("payouts");
}

export default async function PayoutsPage({ params, searchParams }: PageProps<"/dashboard/[artist]/payouts">) {
  const { artist, role } = await requireArtistMember({ slug: (await params).artist });
  const t = await getTranslations("selling.payouts");
  const header = (
    <div>
      <h1 className="text-2xl font-semibold tracking-tight">{t("title")}</h1>
      <p className="mt-1 max-w-prose text-sm text-muted">{t("intro")}</p>
    </div>
  );
  if (testPaymentsActive()) {
    return (
      <div className="space-y-6">
        {header}
        <section
          className="rounded-lg border border-amber-200 bg-amber-50 p-6 text-sm text-amber-950"
          data-testid="payouts-test-mode"
        >
          <h2 className="font-semibold">{t("testTitle")}</h2>
          <p className="mt-2 max-w-prose">{t("test")}</p>
        </section>
      </div>
    );
  }
  const link = (await searchParams).link;
  // Back from Stripe the band passes through ./return, which read the account and stored it (or sent link=failed).
  const status = artist.payoutStatus;
  const failed = link === "failed";
  return (
    <div className="space-y-6">
      {header}
      {link === "returned" && !failed && <Notice tone="info">{t("returned")}</Notice>}
      {link === "expired" && <Notice tone="info">{t("expired")}</Notice>}
      {failed && <Notice tone="error">{t("failed")}</Notice>}
      <section className="space-y-4 rounded-lg border border-line bg-white p-6 text-sm" data-testid="payout-status">
        <p className="flex items-center gap-2">
          <span className="font-medium">{t("status")}</span>
          <span className={`rounded-full px-2 py-0.5 text-xs ${tones[status]}`}>{t(`statuses.${status}`)}</span>
        </p>
        <p className="max-w-prose">{t(status)}</p>
        {status !== "active" &&
          (role === "owner" ? (
            <form action={startPayoutOnboardingAction}>
              <input type="hidden" name="artistId" value={artist.id} />
              <SubmitButton>{status === "none" ? t("connect") : t("continue")}</SubmitButton>
            </form>
          ) : (
            <p className="text-muted">{t("ownerOnly")}</p>
          ))}
      </section>
    </div>
  );
}
