import { db } from "@/db";
import { requireArtistMember } from "@/lib/artists/guard";
import { logger } from "@/lib/log";
import { testPaymentsActive } from "@/lib/payments";
import { syncPayoutStatus } from "@/lib/payments/connect";

/**
 * Stripe's onboarding return URL (a GET navigation, so a route handler rather than the payouts
 * page): the webhook may not have arrived yet, so the account is read once here and stored, then
 * the band lands on the payouts page, which only reads. Never cached or indexed.
 */
export async function GET(_request: Request, { params }: RouteContext<"/dashboard/[artist]/payouts/return">) {
  const { artist, user } = await requireArtistMember({ slug: (await params).artist });
  let link = "returned";
  if (!testPaymentsActive()) {
    try {
      await syncPayoutStatus(db, artist, undefined, { kind: "member", userId: user.id, email: user.email });
    } catch (error) {
      logger.error({ err: error, artistId: artist.id }, "payout status could not be read from Stripe");
      link = "failed";
    }
  }
  return new Response(null, {
    status: 303,
    headers: {
      Location: `/dashboard/${encodeURIComponent(artist.slug)}/payouts?link=${link}`,
      "Cache-Control": "no-store",
      "X-Robots-Tag": "noindex",
    },
  });
}
