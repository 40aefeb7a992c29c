import { eq } from "drizzle-orm";
import type { DbOrTx } from "@/db/client";
import { artists, type Artist, type BannerLayout, type Plan } from "@/db/schema";
import { planSettings } from "./settings";

export { checkCanList, FREE_LISTED_RELEASES, isPlanLimitViolation, setArtistPlan, type ListingCheck } from "./limits";

/** Where a band upgrades (billing's page); every plan-limit refusal links to it. */
export const upgradePath = (artistSlug: string) => `/dashboard/${artistSlug}/plan`;
export { planSettings, savePlanSettings, type PlanSettings, type PlanSettingsInput } from "./settings";

/** Merchtable's own accent, shown by Free shops whatever colour they saved. */
export const DEFAULT_ACCENT = "#b4442c";

/** What a shop and its widgets look like: the band's choices on Pro, the house look on Free (kept for an upgrade). */
export function shopLook(artist: Pick<Artist, "plan" | "accentColor" | "bannerLayout">): {
  accentColor: string;
  bannerLayout: BannerLayout;
} {
  return artist.plan === "pro"
    ? { accentColor: artist.accentColor, bannerLayout: artist.bannerLayout }
    : { accentColor: DEFAULT_ACCENT, bannerLayout: "standard" };
}

/** The platform's share at `basisPoints`, rounded half up to the minor unit (Stripe takes an integer fee). */
export function feeAmount(total: number, basisPoints: number): number {
  return Math.floor((total * basisPoints + 5_000) / 10_000);
}

/** The band's plan and fee rate now: stamped on an order when it is created, never recomputed. */
export async function feeFor(db: DbOrTx, artistId: string): Promise<{ plan: Plan; basisPoints: number }> {
  const [[artist], settings] = await Promise.all([
    db.select({ plan: artists.plan }).from(artists).where(eq(artists.id, artistId)),
    planSettings(db),
  ]);
  const plan = artist?.plan ?? "free";
  return { plan, basisPoints: settings.feeBasisPoints[plan] };
}
