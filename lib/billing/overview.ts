import { and, desc, eq, ne, sql } from "drizzle-orm";
import type { DbOrTx } from "@/db/client";
import { onShop } from "@/db/queries/releases";
import {
  artists,
  planInvoices,
  planSubscriptions,
  releases,
  type PlanInvoice,
  type PlanSubscription,
} from "@/db/schema";
import { FREE_LISTED_RELEASES, planSettings, type PlanSettings } from "@/lib/plans";

export type BillingOverview = {
  plan: "free" | "pro";
  settings: PlanSettings;
  listed: number;
  limit: number | null;
  /** The live subscription, else the newest that ever ran (canceled); checkouts never paid are left out. */
  subscription: PlanSubscription | null;
  invoices: PlanInvoice[];
};

/** What the band's plan page shows: one read, no writes. */
export async function billingOverview(db: DbOrTx, artistId: string): Promise<BillingOverview> {
  const [[artist], settings, [{ listed }], [subscription], invoices] = await Promise.all([
    db.select({ plan: artists.plan }).from(artists).where(eq(artists.id, artistId)),
    planSettings(db),
    db
      .select({ listed: sql<number>`count(*)::int` })
      .from(releases)
      .where(onShop(artistId)),
    db
      .select()
      .from(planSubscriptions)
      .where(and(eq(planSubscriptions.artistId, artistId), ne(planSubscriptions.status, "incomplete")))
      .orderBy(sql`${planSubscriptions.status} in ('active', 'past_due') desc`, desc(planSubscriptions.createdAt))
      .limit(1),
    db
      .select()
      .from(planInvoices)
      .where(eq(planInvoices.artistId, artistId))
      .orderBy(desc(planInvoices.createdAt))
      .limit(24),
  ]);
  const plan = artist?.plan ?? "free";
  return {
    plan,
    settings,
    listed,
    limit: plan === "pro" ? null : FREE_LISTED_RELEASES,
    subscription: subscription ?? null,
    invoices,
  };
}
