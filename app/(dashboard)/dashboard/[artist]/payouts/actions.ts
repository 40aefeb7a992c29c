"use server";

import { redirect } from "next/navigation";
import { db } from "@/db";
import { requireArtistMember } from "@/lib/artists/guard";
import { logger } from "@/lib/log";
import { testPaymentsActive } from "@/lib/payments";
import { startPayoutOnboarding } from "@/lib/payments/connect";

/**
 * Only an owner may tie the band to a bank account. Stripe hosts the form; the band comes back
 * to the payouts page (?link=returned), which reads the account's state.
 */
export async function startPayoutOnboardingAction(form: FormData) {
  const { artist, user } = await requireArtistMember({ id: String(form.get("artistId") ?? "") }, "owner");
  const page = `/dashboard/${artist.slug}/payouts`;
  if (testPaymentsActive()) redirect(page);
  let url: string;
  try {
    ({ url } = await startPayoutOnboarding(db, artist, undefined, {
      kind: "member",
      userId: user.id,
      email: user.email,
    }));
  } catch (error) {
    logger.error({ err: error, artistId: artist.id }, "payout onboarding could not start");
    redirect(`${page}?link=failed`);
  }
  redirect(url);
}
