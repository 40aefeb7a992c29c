import { randomBytes } from "node:crypto";
import { and, desc, eq, inArray } from "drizzle-orm";
import type { Db } from "@/db/client";
import { planSubscriptions, type Artist, type BillingInterval } from "@/db/schema";
import { recordAudit, type Actor } from "@/lib/audit";
import { env } from "@/lib/env";
import type { BackOfficeLocale } from "@/lib/i18n/config";
import { stripeClient, testPaymentsActive } from "@/lib/payments";
import { planSettings } from "@/lib/plans";

export type UpgradeResult = { ok: true; url: string } | { ok: false; reason: "already_pro" | "provider_failed" };

const planPage = (artist: Pick<Artist, "slug">) => `${env().APP_URL}/dashboard/${encodeURIComponent(artist.slug)}/plan`;

/** The band's running subscription (active or past due), if any. */
export async function liveSubscription(db: Db, artistId: string) {
  const [row] = await db
    .select()
    .from(planSubscriptions)
    .where(and(eq(planSubscriptions.artistId, artistId), inArray(planSubscriptions.status, ["active", "past_due"])))
    .orderBy(desc(planSubscriptions.createdAt))
    .limit(1);
  return row ?? null;
}

/**
 * "Upgrade to Pro": an incomplete row first (its id travels in the checkout's metadata, so every
 * later event finds it), then Stripe Checkout in subscription mode, or the local test page.
 */
export async function startUpgrade(
  db: Db,
  input: { artist: Artist; interval: BillingInterval; email: string; locale: BackOfficeLocale; actor: Actor },
): Promise<UpgradeResult> {
  const { artist, interval } = input;
  if (await liveSubscription(db, artist.id)) return { ok: false, reason: "already_pro" };
  const settings = await planSettings(db);
  const amount = interval === "year" ? settings.proYearlyAmount : settings.proMonthlyAmount;
  const test = testPaymentsActive();
  // The test page's session id goes in with the row: nothing half-made if the process dies here.
  const testSessionId = test ? `test_plan_${randomBytes(18).toString("base64url")}` : null;
  const row = await db.transaction(async (tx) => {
    const [created] = await tx
      .insert(planSubscriptions)
      .values({
        artistId: artist.id,
        provider: test ? "test" : "stripe",
        interval,
        amount,
        currency: settings.currency,
        providerSessionId: testSessionId,
      })
      .returning();
    await recordAudit(tx, {
      artistId: artist.id,
      actor: input.actor,
      action: "billing.subscribe",
      target: { type: "plan_subscription", id: created.id },
      details: { interval, amount, currency: settings.currency, provider: created.provider },
    });
    return created;
  });
  if (testSessionId) return { ok: true, url: `${planPage(artist)}/checkout/${testSessionId}` };
  const metadata = { artistId: artist.id, planSubscriptionId: row.id };
  const session = await stripeClient().checkout.sessions.create(
    {
      mode: "subscription",
      line_items: [
        {
          quantity: 1,
          price_data: {
            currency: settings.currency.toLowerCase(),
            unit_amount: amount,
            recurring: { interval },
            product_data: { name: "Merchtable Pro" },
          },
        },
      ],
      customer_email: input.email,
      client_reference_id: row.id,
      metadata,
      // Copied onto the subscription and each of its invoices: an invoice arriving first still finds the row.
      subscription_data: { metadata },
      locale: input.locale,
      success_url: `${planPage(artist)}?checkout=done`,
      cancel_url: `${planPage(artist)}?checkout=canceled`,
    },
    { idempotencyKey: `plan-checkout-${row.id}` },
  );
  await db.update(planSubscriptions).set({ providerSessionId: session.id }).where(eq(planSubscriptions.id, row.id));
  if (!session.url) return { ok: false, reason: "provider_failed" };
  return { ok: true, url: session.url };
}

export type PortalResult = { ok: true; url: string } | { ok: false; reason: "no_subscription" };

/** "Manage billing": Stripe's customer portal (card, invoices, cancel), or the local test portal. */
export async function openBillingPortal(db: Db, artist: Artist): Promise<PortalResult> {
  const [sub] = await db
    .select()
    .from(planSubscriptions)
    .where(
      and(
        eq(planSubscriptions.artistId, artist.id),
        inArray(planSubscriptions.status, ["active", "past_due", "canceled"]),
      ),
    )
    .orderBy(desc(planSubscriptions.createdAt))
    .limit(1);
  if (!sub) return { ok: false, reason: "no_subscription" };
  if (sub.provider === "test") return { ok: true, url: `${planPage(artist)}/portal` };
  if (!sub.providerCustomerId) return { ok: false, reason: "no_subscription" };
  const portal = await stripeClient().billingPortal.sessions.create(
    { customer: sub.providerCustomerId, return_url: planPage(artist) },
    // A double click within the minute opens the same portal session.
    { idempotencyKey: `plan-portal-${sub.id}-${Math.floor(Date.now() / 60_000)}` },
  );
  return { ok: true, url: portal.url };
}
