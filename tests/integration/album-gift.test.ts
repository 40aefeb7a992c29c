import { and, count, eq, sql } from "drizzle-orm";
import { afterAll, describe, expect, it } from "vitest";
import { carts, downloadGrants, orders, releases } from "@/db/schema";
import { checkLedger, move } from "@/lib/credit";
import { listLibrary } from "@/lib/library";
import {
  checkGift,
  deliverDueGifts,
  deliverGift,
  fulfillOrder,
  orderIdOfGiftToken,
  refundOrder,
  startGiftCheckout,
  yearAfter,
  type GiftRequest,
} from "@/lib/orders";
import { boss, forgetBoss } from "@/lib/queue";
import { unique, useTestDb } from "@/tests/support/factories";
import { makeShop, queuedEmails } from "@/tests/support/orders";

const db = useTestDb();
afterAll(async () => {
  await (await boss()).stop({ graceful: false, wait: true });
  forgetBoss();
});

/** Today at 11:00 UTC: 20:00 in Tokyo the same day, 3:00 in Los Angeles. */
const NOW = new Date(`${new Date().toISOString().slice(0, 10)}T11:00:00Z`);
const day = (offset: number) => new Date(NOW.getTime() + offset * 86_400_000).toISOString().slice(0, 10);
const dayAfter = (date: string) => new Date(Date.parse(`${date}T00:00:00Z`) + 86_400_000).toISOString().slice(0, 10);
const friend = () => `${unique("friend")}@example.test`;
const request = (overrides: Partial<GiftRequest> = {}): GiftRequest => ({
  recipientEmail: friend(),
  recipientName: "Camille",
  senderName: "Alex",
  message: "Happy birthday! This one is for the long drive.",
  deliverOn: day(0),
  timeZone: "UTC",
  ...overrides,
});

type Shop = Awaited<ReturnType<typeof makeShop>>;

/** A gift of the shop's album through the gift checkout, paid with the test provider. */
async function paidGift(shop: Shop, gift: GiftRequest, buyer = "buyer@example.test") {
  const started = await startGiftCheckout(db, {
    artist: shop.artist,
    releaseId: shop.album.id,
    customAmount: null,
    request: gift,
    buyerEmail: buyer,
    locale: "en",
    now: NOW,
  });
  if (!started.ok) throw new Error(`gift checkout refused: ${started.error}`);
  const fulfilled = await fulfillOrder(db, started.orderId, { paymentId: `pay_${started.orderId}` });
  expect(fulfilled.outcome).toBe("fulfilled");
  const [order] = await db.select().from(orders).where(eq(orders.id, started.orderId));
  return order;
}

const grantsOf = (orderId: string) => db.select().from(downloadGrants).where(eq(downloadGrants.orderId, orderId));

describe("an album bought as a gift", () => {
  it("opens the downloads for the recipient, and the buyer's receipt says where it went without the link", async () => {
    const shop = await makeShop(db);
    const gift = request();
    const order = await paidGift(shop, gift);
    expect(order).toMatchObject({ status: "paid", email: "buyer@example.test", total: 700, artistId: shop.artist.id });
    expect(order.gift).toMatchObject({ recipientEmail: gift.recipientEmail, message: gift.message, deliverAt: null });

    const grants = await grantsOf(order.id);
    expect(grants.map((g) => g.email)).toEqual([gift.recipientEmail]);

    const [receipt] = await queuedEmails(db, `receipt:${order.id}`);
    expect(receipt.to).toBe("buyer@example.test");
    expect(receipt.text).toContain(`Your gift has been sent to ${gift.recipientEmail}.`);
    expect(receipt.text).toContain("/gift/order/");
    expect(receipt.text).not.toContain("/download/");
    expect(receipt.html).not.toContain("/download/");

    const [mail] = await queuedEmails(db, `gift:${order.id}`);
    expect(mail.to).toBe(gift.recipientEmail);
    expect(mail.subject).toBe("Alex gave you Test Album by " + shop.artist.name);
    expect(mail.text).toContain("Hello Camille,");
    expect(mail.text).toContain(gift.message);
    expect(mail.text).toMatch(/\/download\/[A-Za-z0-9_-]+/);
    expect(order.giftDeliveredAt).not.toBeNull();
  });

  it("counts in the band's figures like the same album sold plainly (price, VAT, fee)", async () => {
    const shop = await makeShop(db);
    const gift = await paidGift(shop, request());
    const plain = await startGiftCheckout(db, {
      artist: shop.artist,
      releaseId: shop.album.id,
      customAmount: null,
      request: request({ recipientEmail: null }),
      buyerEmail: "other@example.test",
      locale: "en",
      now: NOW,
    });
    expect(plain.ok).toBe(true);
    const [other] = await db
      .select()
      .from(orders)
      .where(eq(orders.id, plain.ok ? plain.orderId : ""));
    for (const key of ["subtotal", "total", "tax", "platformFee", "feeBasisPoints", "currency", "provider"] as const)
      expect(gift[key]).toEqual(other[key]);
    expect(gift.platformFee).toBeGreaterThan(0);
  });

  it("is paid from the giver's balance when they are signed into the library, and goes to the friend all the same", async () => {
    const shop = await makeShop(db);
    const giver = `${unique("giver")}@example.test`;
    await move(
      db,
      "issue",
      { kind: "issued", currency: shop.artist.currency },
      { kind: "fan", email: giver, currency: shop.artist.currency, scope: { type: "platform" } },
      100_000,
    );
    const gift = request();
    const started = await startGiftCheckout(db, {
      artist: shop.artist,
      releaseId: shop.album.id,
      customAmount: null,
      request: gift,
      buyerEmail: giver,
      creditEmail: giver,
      locale: "en",
      now: NOW,
    });
    if (!started.ok) throw new Error(`gift checkout refused: ${started.error}`);
    const [order] = await db.select().from(orders).where(eq(orders.id, started.orderId));
    expect(order).toMatchObject({ status: "paid", provider: "credit" });
    expect(order.creditAmount).toBe(order.total);
    const [grant] = await grantsOf(order.id);
    expect(grant.email).toBe(gift.recipientEmail);
    expect(await checkLedger(db)).toEqual({ drifted: [], unbalanced: [] });
  });

  it("waits for its day: not sent a minute before, sent once at it, however many deliverers run", async () => {
    const shop = await makeShop(db);
    const gift = request({ deliverOn: day(10) });
    const order = await paidGift(shop, gift);
    const at = new Date(order.gift!.deliverAt!);
    expect(at.toISOString()).toBe(`${day(10)}T09:00:00.000Z`);
    expect(order.giftDeliveredAt).toBeNull();
    expect(await queuedEmails(db, `gift:${order.id}`)).toEqual([]);
    const [receipt] = await queuedEmails(db, `receipt:${order.id}`);
    expect(receipt.text).toContain(`Your gift will be delivered to ${gift.recipientEmail} on `);
    expect(receipt.text).not.toContain("/download/");

    // Its job waits in the queue until that minute.
    const jobs = await db.execute<{ start_after: Date }>(
      sql`select start_after from pgboss.job where name = 'album-gift-deliver' and singleton_key = ${order.id}`,
    );
    expect(jobs.map((j) => new Date(j.start_after).toISOString())).toEqual([at.toISOString()]);

    // A surprise: the friend's library does not show it before its day.
    expect(await listLibrary(db, gift.recipientEmail!)).toEqual([]);

    const before = new Date(at.getTime() - 60_000);
    await deliverDueGifts(db, before);
    expect(await deliverGift(db, order.id, before)).toBe(false);
    expect(await queuedEmails(db, `gift:${order.id}`)).toEqual([]);

    // The job, a second worker's job and the minute chore all at once: one of them hands it over.
    const [outcomes] = await Promise.all([
      Promise.all([deliverGift(db, order.id, at), deliverGift(db, order.id, at), deliverGift(db, order.id, at)]),
      deliverDueGifts(db, at),
      deliverDueGifts(db, new Date(at.getTime() + 60_000)),
    ]);
    expect(outcomes.filter(Boolean).length).toBeLessThanOrEqual(1);
    expect(await deliverGift(db, order.id, new Date(at.getTime() + 86_400_000))).toBe(false);
    const mails = await queuedEmails(db, `gift:${order.id}`);
    expect(mails).toHaveLength(1);
    expect(mails[0].to).toBe(gift.recipientEmail);
    const [after] = await db.select().from(orders).where(eq(orders.id, order.id));
    expect(after.giftDeliveredAt?.toISOString()).toBe(at.toISOString());
    expect((await listLibrary(db, gift.recipientEmail!)).map((e) => e.orderId)).toEqual([order.id]);
  });

  it("printed by the buyer: the grant is the buyer's to hand over, its page is signed, nobody is e-mailed", async () => {
    const shop = await makeShop(db);
    const order = await paidGift(shop, request({ recipientEmail: null, deliverOn: "" }), "printer@example.test");
    expect((await grantsOf(order.id)).map((g) => g.email)).toEqual(["printer@example.test"]);
    expect(await queuedEmails(db, `gift:${order.id}`)).toEqual([]);
    const [receipt] = await queuedEmails(db, `receipt:${order.id}`);
    expect(receipt.text).toContain("Your gift is ready to print");
    expect(receipt.text).not.toContain("/download/");
    const token = /\/gift\/order\/([^\s"]+)/.exec(receipt.text)![1];
    expect(orderIdOfGiftToken(token)).toBe(order.id);
    expect(orderIdOfGiftToken(`${order.id}.${"A".repeat(32)}`)).toBeNull();
    expect(orderIdOfGiftToken(token.replace(order.id.slice(0, 8), "00000000"))).toBeNull();
  });

  it("refunded before its day: the recipient's downloads are closed and the e-mail never goes", async () => {
    const shop = await makeShop(db);
    const order = await paidGift(shop, request({ deliverOn: day(3) }));
    const refunded = await refundOrder(db, {
      actor: { kind: "member" },
      artistId: shop.artist.id,
      orderId: order.id,
      amount: order.total,
    });
    expect(refunded.ok).toBe(true);
    const grants = await grantsOf(order.id);
    expect(grants.every((g) => g.revokedAt !== null)).toBe(true);
    await deliverDueGifts(db, new Date(NOW.getTime() + 4 * 86_400_000));
    expect(await deliverGift(db, order.id, new Date(NOW.getTime() + 4 * 86_400_000))).toBe(false);
    expect(await queuedEmails(db, `gift:${order.id}`)).toEqual([]);
  });
});

describe("the gift form refuses bad details and creates nothing", () => {
  const counts = async (artistId: string) => ({
    orders: (await db.select({ n: count() }).from(orders).where(eq(orders.artistId, artistId)))[0].n,
    carts: (await db.select({ n: count() }).from(carts).where(eq(carts.artistId, artistId)))[0].n,
  });

  it.each([
    ["a recipient address that is not one", { recipientEmail: "friend@" }, "recipient_email_invalid"],
    ["a buyer address that is not one", { buyerEmail: "me at home" }, "buyer_email_invalid"],
    ["a day in the past", { deliverOn: day(-1) }, "date_past"],
    ["a day more than a year ahead", { deliverOn: dayAfter(yearAfter(day(0))) }, "date_too_far"],
    ["a day that does not exist", { deliverOn: "2027-02-30" }, "date_invalid"],
    ["a message of 501 characters", { message: "x".repeat(501) }, "message_too_long"],
    ["a name of 81 characters", { senderName: "n".repeat(81) }, "name_too_long"],
  ] as const)("%s", async (_name, overrides, error) => {
    const shop = await makeShop(db);
    const before = await counts(shop.artist.id);
    const { buyerEmail, ...gift } = { buyerEmail: "buyer@example.test", ...overrides };
    const result = await startGiftCheckout(db, {
      artist: shop.artist,
      releaseId: shop.album.id,
      customAmount: null,
      request: request(gift),
      buyerEmail,
      locale: "en",
      now: NOW,
    });
    expect(result).toEqual({ ok: false, error });
    expect(await counts(shop.artist.id)).toEqual(before);
  });

  it("a pay-what-you-want amount below the minimum, a draft, another band's album", async () => {
    const shop = await makeShop(db, { albumMode: "pay_what_you_want", albumMinimum: 500 });
    const other = await makeShop(db);
    const [draft] = await db
      .insert(releases)
      .values({
        artistId: shop.artist.id,
        slug: unique("draft"),
        title: "Not yet",
        status: "draft",
        pricingMode: "fixed",
        priceAmount: 700,
        currency: "EUR",
      })
      .returning();
    const before = await counts(shop.artist.id);
    const attempt = (releaseId: string, customAmount: number | null) =>
      startGiftCheckout(db, {
        artist: shop.artist,
        releaseId,
        customAmount,
        request: request(),
        buyerEmail: "buyer@example.test",
        locale: "en",
        now: NOW,
      });
    expect(await attempt(shop.album.id, 499)).toEqual({ ok: false, error: "below_minimum", minimum: 500 });
    expect(await attempt(draft.id, null)).toEqual({ ok: false, error: "not_found" });
    expect(await attempt(other.album.id, null)).toEqual({ ok: false, error: "not_found" });
    expect(await counts(shop.artist.id)).toEqual(before);
    expect(
      (
        await db
          .select()
          .from(orders)
          .where(and(eq(orders.artistId, other.artist.id)))
      ).length,
    ).toBe(0);
    // At the minimum it goes through, at the fan's amount.
    const ok = await attempt(shop.album.id, 500);
    expect(ok.ok).toBe(true);
    const [order] = await db
      .select()
      .from(orders)
      .where(eq(orders.id, ok.ok ? ok.orderId : ""));
    expect(order.total).toBe(500);
  });

  it("takes the limits themselves: 500 characters, today, and a year from today", () => {
    const at = (overrides: Partial<GiftRequest>) => checkGift(request(overrides), "buyer@example.test", NOW);
    expect(at({ message: "x".repeat(500) }).ok).toBe(true);
    expect(at({ deliverOn: day(0) })).toMatchObject({ ok: true, gift: { deliverAt: null } });
    const lastDay = yearAfter(day(0));
    expect(at({ deliverOn: lastDay })).toMatchObject({ ok: true, gift: { deliverAt: `${lastDay}T09:00:00.000Z` } });
    // Tomorrow at 9:00 in Tokyo is midnight UTC; today in Los Angeles is today (it is 3:00 there).
    expect(at({ deliverOn: day(1), timeZone: "Asia/Tokyo" })).toMatchObject({
      ok: true,
      gift: { deliverAt: `${day(1)}T00:00:00.000Z` },
    });
    expect(at({ deliverOn: day(0), timeZone: "America/Los_Angeles" })).toMatchObject({
      ok: true,
      gift: { deliverAt: null },
    });
  });
});
