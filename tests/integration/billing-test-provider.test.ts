import { inArray } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { paymentEvents } from "@/db/schema";
import {
  cancelTestSubscription,
  failTestRenewal,
  payTestCheckout,
  renewTestSubscription,
  skipTestGrace,
  startUpgrade,
  type TestBillingResult,
} from "@/lib/billing";
import { billingTrail, makeBillingBand } from "@/tests/support/billing";
import { useTestDb } from "@/tests/support/factories";

const db = useTestDb();

/** Each played event is recorded like Stripe's: provider "test", committed with its effect. */
async function expectRecorded(result: TestBillingResult, types: string[]) {
  if (!result.ok) throw new Error(result.reason);
  const rows = await db.select().from(paymentEvents).where(inArray(paymentEvents.id, result.events));
  expect(rows.map((r) => [r.provider, r.type])).toEqual(types.map((type) => ["test", type]));
}

describe("the offline test provider's billing", () => {
  it("plays the whole lifecycle through the same functions as Stripe: pay, renew, fail, grace, payment, cancel", async () => {
    expect(process.env.STRIPE_SECRET_KEY).toBeUndefined();
    const { artist, owner, actor } = await makeBillingBand(db);
    const started = await startUpgrade(db, { artist, interval: "year", email: owner.email, locale: "en", actor });
    expect(started).toMatchObject({
      ok: true,
      url: expect.stringMatching(`/dashboard/${artist.slug}/plan/checkout/test_plan_`),
    });
    const session = started.ok ? started.url.split("/").pop()! : "";
    expect((await billingTrail(db, artist.id)).plan).toBe("free");

    await expectRecorded(await payTestCheckout(db, session), ["checkout.session.completed", "invoice.paid"]);
    let trail = await billingTrail(db, artist.id);
    expect(trail.plan).toBe("pro");
    expect(trail.subscriptions[0]).toMatchObject({ status: "active", provider: "test" });
    expect(trail.invoices).toHaveLength(1);
    // Pay pressed twice (a second tab): the checkout is finished, nothing more happens.
    expect(await payTestCheckout(db, session)).toEqual({ ok: false, reason: "wrong_state" });
    expect(await billingTrail(db, artist.id)).toEqual(trail);

    const end = trail.subscriptions[0].currentPeriodEnd!;
    await expectRecorded(await renewTestSubscription(db, artist.id), ["invoice.paid"]);
    trail = await billingTrail(db, artist.id);
    expect(trail.subscriptions[0].currentPeriodEnd!.getTime()).toBeGreaterThan(end.getTime());

    await expectRecorded(await failTestRenewal(db, artist.id), ["invoice.payment_failed"]);
    trail = await billingTrail(db, artist.id);
    expect(trail.subscriptions[0]).toMatchObject({ status: "past_due" });
    expect(trail.plan).toBe("pro");
    expect(trail.emails.map((k) => k.split(":")[1])).toEqual(["failed"]);
    expect(await failTestRenewal(db, artist.id)).toEqual({ ok: false, reason: "wrong_state" });

    expect(await skipTestGrace(db, artist.id)).toMatchObject({ ok: true });
    trail = await billingTrail(db, artist.id);
    expect(trail).toMatchObject({ plan: "free", listed: ["newer"] });
    expect(trail.emails.map((k) => k.split(":")[1])).toEqual(["downgraded", "failed"]);

    // "Renew now" while past due: the refused invoice is paid after all, Pro comes back.
    await expectRecorded(await renewTestSubscription(db, artist.id), ["invoice.paid"]);
    trail = await billingTrail(db, artist.id);
    expect(trail.plan).toBe("pro");
    expect(trail.subscriptions[0]).toMatchObject({ status: "active", graceEndsAt: null });
    expect(trail.invoices.map((i) => i.status)).toEqual(["paid", "paid", "paid"]);

    await expectRecorded(await cancelTestSubscription(db, artist.id, actor, "period_end"), [
      "customer.subscription.updated",
    ]);
    expect((await billingTrail(db, artist.id)).subscriptions[0]).toMatchObject({
      status: "active",
      cancelAtPeriodEnd: true,
    });
    await cancelTestSubscription(db, artist.id, actor, "resume");
    expect((await billingTrail(db, artist.id)).subscriptions[0].cancelAtPeriodEnd).toBe(false);

    await expectRecorded(await cancelTestSubscription(db, artist.id, actor, "now"), ["customer.subscription.deleted"]);
    trail = await billingTrail(db, artist.id);
    expect(trail.plan).toBe("free");
    expect(trail.subscriptions[0].status).toBe("canceled");
    expect(trail.audit).toEqual([
      { action: "billing.subscribe", actor: "member" },
      { action: "plan.change", actor: "system" },
      { action: "plan.change", actor: "system" },
      { action: "plan.change", actor: "system" },
      { action: "billing.cancel", actor: "member" },
      { action: "billing.resume", actor: "member" },
      { action: "billing.cancel", actor: "member" },
      { action: "plan.change", actor: "system" },
    ]);
    expect(await renewTestSubscription(db, artist.id)).toEqual({ ok: false, reason: "wrong_state" });
  });

  it("a band may upgrade again after its subscription ended", async () => {
    const { artist, owner, actor } = await makeBillingBand(db);
    const first = await startUpgrade(db, { artist, interval: "month", email: owner.email, locale: "en", actor });
    await payTestCheckout(db, first.ok ? first.url.split("/").pop()! : "");
    expect(await startUpgrade(db, { artist, interval: "month", email: owner.email, locale: "en", actor })).toEqual({
      ok: false,
      reason: "already_pro",
    });
    await cancelTestSubscription(db, artist.id, actor, "now");
    const again = await startUpgrade(db, { artist, interval: "year", email: owner.email, locale: "en", actor });
    expect(again.ok).toBe(true);
    await payTestCheckout(db, again.ok ? again.url.split("/").pop()! : "");
    expect((await billingTrail(db, artist.id)).plan).toBe("pro");
  });
});
