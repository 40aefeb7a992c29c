import { eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { fanSubscriptions, releases, subscriptionOffers } from "@/db/schema";
import {
  changeTestFanSubscription,
  endLapsedFanSubscriptions,
  failTestFanRenewal,
  isLiveSubscriber,
  payTestFanCheckout,
  renewTestFanSubscription,
  saveOffer,
  setFanCancel,
  startFanSubscription,
  subscriberFigures,
} from "@/lib/fan-subscriptions";
import { listLibrary } from "@/lib/library";
import { useTestDb } from "@/tests/support/factories";
import {
  fanEmail,
  grantedTitles,
  makeSubscriptionBand,
  publishNow,
  subscriptionTrail,
} from "@/tests/support/fan-subscriptions";

const db = useTestDb();
const DAY = 86_400_000;

type Band = Awaited<ReturnType<typeof makeSubscriptionBand>>;

/** A fan who went through the test checkout and paid. */
async function subscribed(band: Band, interval: "month" | "year" = "month", email = fanEmail()) {
  const started = await startFanSubscription(db, { artist: band.artist, interval, email, locale: "en" });
  if (!started.ok) throw new Error(started.reason);
  expect(started.url).toMatch(new RegExp(`/${band.artist.slug}/subscribe/checkout/test_fansub_`));
  const session = started.url.split("/").pop()!;
  expect(await payTestFanCheckout(db, session)).toEqual({ ok: true });
  const [sub] = await db.select().from(fanSubscriptions).where(eq(fanSubscriptions.providerSessionId, session));
  return { sub, email, session };
}

describe("fan subscriptions with the offline test provider", () => {
  it("grants each release published while the subscription runs, none after it ends, and keeps what it got", async () => {
    expect(process.env.STRIPE_SECRET_KEY).toBeUndefined();
    const band = await makeSubscriptionBand(db);
    const { sub, email, session } = await subscribed(band);
    expect(sub).toMatchObject({ status: "active", provider: "test", amount: 500, interval: "month" });
    expect(await isLiveSubscriber(db, band.artist.id, email.toUpperCase())).toBe(true);
    // Without the back catalogue, what was out before is not part of it.
    expect(await grantedTitles(db, sub.id)).toEqual([]);
    // Paying the same checkout again changes nothing.
    expect(await payTestFanCheckout(db, session)).toEqual({ ok: false, reason: "wrong_state" });

    await publishNow(db, band.artist.id, "While Active");
    expect(await failTestFanRenewal(db, sub.id)).toEqual({ ok: true });
    let trail = await subscriptionTrail(db, sub.id);
    expect(trail.sub).toMatchObject({ status: "past_due", graceEndsAt: expect.any(Date) });
    await publishNow(db, band.artist.id, "In Grace");
    expect(await renewTestFanSubscription(db, sub.id)).toEqual({ ok: true });
    expect((await subscriptionTrail(db, sub.id)).sub).toMatchObject({ status: "active", graceEndsAt: null });

    // Canceled at the period's end: still running, so still getting releases.
    expect(await setFanCancel(db, { subscriptionId: sub.id, email, cancel: true })).toEqual({ ok: true });
    await publishNow(db, band.artist.id, "Before Period End");
    expect(await changeTestFanSubscription(db, sub.id, "now")).toEqual({ ok: true });
    await publishNow(db, band.artist.id, "After The End");

    trail = await subscriptionTrail(db, sub.id);
    expect(trail.sub.status).toBe("canceled");
    expect(trail.titles).toEqual(["Before Period End", "In Grace", "While Active"]);
    expect(trail.grants).toBe(1);
    expect(trail.mails).toEqual(["ended", "failed", "welcome"]);
    expect(trail.invoices.map((i) => i.status)).toEqual(["paid", "paid"]);
    // The fan's library holds the grant, with what they got.
    const entry = (await listLibrary(db, email)).find((e) => e.artist.slug === band.artist.slug);
    expect(entry?.items.map((i) => i.title).sort()).toEqual(["Before Period End", "In Grace", "While Active"]);
    expect(await isLiveSubscriber(db, band.artist.id, email)).toBe(false);
  });

  it("with a back-catalogue offer, activation grants every release out and available, not pre-orders or taken-down ones", async () => {
    const band = await makeSubscriptionBand(db, { backCatalogue: true });
    await db.insert(releases).values([
      {
        artistId: band.artist.id,
        slug: "coming",
        title: "Coming",
        status: "published",
        publishedAt: new Date(),
        releaseAt: new Date(Date.now() + 7 * DAY),
      },
      {
        artistId: band.artist.id,
        slug: "gone",
        title: "Gone",
        status: "published",
        publishedAt: new Date(Date.now() - 9 * DAY),
        releasedAt: new Date(Date.now() - 9 * DAY),
        takenDownAt: new Date(),
      },
      { artistId: band.artist.id, slug: "draft", title: "Draft", status: "draft" },
    ]);
    const { sub } = await subscribed(band, "year");
    expect(await grantedTitles(db, sub.id)).toEqual(["Old One"]);
    // The same release coming out again (a second worker, a replayed job) is granted once.
    const next = await publishNow(db, band.artist.id, "Next");
    await db.transaction(async (tx) => {
      const { grantReleaseToSubscribers } = await import("@/lib/fan-subscriptions");
      expect(await grantReleaseToSubscribers(tx, next)).toBe(0);
    });
    expect(await grantedTitles(db, sub.id)).toEqual(["Next", "Old One"]);
  });

  it("ends a past-due subscription when its grace period lapses, once, and it gets nothing after", async () => {
    const band = await makeSubscriptionBand(db);
    const { sub } = await subscribed(band);
    await failTestFanRenewal(db, sub.id);
    // Not due yet: the chore leaves it.
    expect(await endLapsedFanSubscriptions(db)).toBe(0);
    await db
      .update(fanSubscriptions)
      .set({ graceEndsAt: new Date(Date.now() - 1000) })
      .where(eq(fanSubscriptions.id, sub.id));
    const [first, second] = await Promise.all([endLapsedFanSubscriptions(db), endLapsedFanSubscriptions(db)]);
    expect(first + second).toBe(1);
    expect(await endLapsedFanSubscriptions(db)).toBe(0);
    await publishNow(db, band.artist.id, "Too Late");
    const trail = await subscriptionTrail(db, sub.id);
    expect(trail.sub).toMatchObject({ status: "canceled", canceledAt: expect.any(Date) });
    expect(trail.titles).toEqual([]);
    expect(trail.mails).toEqual(["ended", "failed", "welcome"]);
    // A late retry of the failed renewal cannot revive it.
    expect(await renewTestFanSubscription(db, sub.id)).toEqual({ ok: false, reason: "wrong_state" });
  });

  it("a test subscription canceled at its period's end ends when that day has come; resuming before keeps it", async () => {
    const band = await makeSubscriptionBand(db);
    const { sub, email } = await subscribed(band);
    expect(await setFanCancel(db, { subscriptionId: sub.id, email, cancel: true })).toEqual({ ok: true });
    expect(await setFanCancel(db, { subscriptionId: sub.id, email, cancel: true })).toEqual({
      ok: false,
      reason: "wrong_state",
    });
    expect(await setFanCancel(db, { subscriptionId: sub.id, email, cancel: false })).toEqual({ ok: true });
    await db
      .update(fanSubscriptions)
      .set({ currentPeriodEnd: new Date(Date.now() - 1000) })
      .where(eq(fanSubscriptions.id, sub.id));
    expect(await endLapsedFanSubscriptions(db)).toBe(0);
    await setFanCancel(db, { subscriptionId: sub.id, email, cancel: true });
    await db
      .update(fanSubscriptions)
      .set({ currentPeriodEnd: new Date(Date.now() - 1000) })
      .where(eq(fanSubscriptions.id, sub.id));
    expect(await endLapsedFanSubscriptions(db)).toBe(1);
    expect((await subscriptionTrail(db, sub.id)).sub.status).toBe("canceled");
  });

  it("refuses another fan's subscription, a second live one, a closed offer and a bad address, changing nothing", async () => {
    const band = await makeSubscriptionBand(db);
    const other = await makeSubscriptionBand(db);
    const { sub, email } = await subscribed(band);
    const before = await subscriptionTrail(db, sub.id);
    expect(await setFanCancel(db, { subscriptionId: sub.id, email: fanEmail(), cancel: true })).toEqual({
      ok: false,
      reason: "not_found",
    });
    expect(await setFanCancel(db, { subscriptionId: "not-a-uuid", email, cancel: true })).toEqual({
      ok: false,
      reason: "not_found",
    });
    expect(await subscriptionTrail(db, sub.id)).toEqual(before);
    // Another band's release never reaches this band's subscribers.
    await publishNow(db, other.artist.id, "Other Band");
    expect(await grantedTitles(db, sub.id)).toEqual([]);

    const start = (input: Partial<Parameters<typeof startFanSubscription>[1]>) =>
      startFanSubscription(db, { artist: band.artist, interval: "month", email: fanEmail(), locale: "en", ...input });
    expect(await start({ email })).toEqual({ ok: false, reason: "already_subscribed" });
    expect(await start({ email: "not an address" })).toEqual({ ok: false, reason: "bad_email" });
    await db
      .update(subscriptionOffers)
      .set({ yearlyAmount: null })
      .where(eq(subscriptionOffers.artistId, band.artist.id));
    expect(await start({ interval: "year" })).toEqual({ ok: false, reason: "not_offered" });
    await db.update(subscriptionOffers).set({ active: false }).where(eq(subscriptionOffers.artistId, band.artist.id));
    expect(await start({})).toEqual({ ok: false, reason: "not_offered" });
    const rows = await db.select().from(fanSubscriptions).where(eq(fanSubscriptions.artistId, band.artist.id));
    expect(rows).toHaveLength(1);
  });

  it("checks the band's offer: prices within limits, at least one price, a short description", async () => {
    const band = await makeSubscriptionBand(db);
    const input = { monthly: "4", yearly: "40", backCatalogue: true, description: "Everything we make.", active: true };
    const [before] = await db.select().from(subscriptionOffers).where(eq(subscriptionOffers.artistId, band.artist.id));
    for (const [change, errors] of [
      [{ monthly: "-3" }, { monthly: "money_negative" }],
      [{ monthly: "0.50" }, { monthly: "too_low" }],
      [{ yearly: "1001" }, { yearly: "too_high" }],
      [{ yearly: "ten" }, { yearly: "money_format" }],
      [{ monthly: "", yearly: "" }, { monthly: "no_price" }],
      [{ description: "x".repeat(2001) }, { description: "description_too_long" }],
    ] as const) {
      expect(await saveOffer(db, band.artist, { ...input, ...change }, band.actor)).toEqual({
        ok: false,
        fieldErrors: errors,
      });
    }
    const [after] = await db.select().from(subscriptionOffers).where(eq(subscriptionOffers.artistId, band.artist.id));
    expect(after).toEqual(before);
    const saved = await saveOffer(db, band.artist, { ...input, yearly: "" }, band.actor);
    expect(saved).toMatchObject({ ok: true, offer: { monthlyAmount: 400, yearlyAmount: null, backCatalogue: true } });
  });

  it("shows the band its live subscribers, new and cancelled ones and monthly recurring revenue", async () => {
    const band = await makeSubscriptionBand(db);
    await subscribed(band, "month");
    await subscribed(band, "year");
    const { sub } = await subscribed(band, "month");
    await changeTestFanSubscription(db, sub.id, "now");
    // A checkout never paid counts for nothing.
    await startFanSubscription(db, { artist: band.artist, interval: "month", email: fanEmail(), locale: "en" });
    expect(await subscriberFigures(db, band.artist.id)).toEqual([
      { currency: band.artist.currency, live: 2, started: 3, canceled: 1, monthlyRecurring: 500 + 400 },
    ]);
  });
});
