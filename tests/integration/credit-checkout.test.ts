import { randomBytes } from "node:crypto";
import { and, eq, sql } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { creditPayouts, ledgerEntries, orders, tracks } from "@/db/schema";
import { checkLedger, sendCreditPayouts } from "@/lib/credit";
import { cancelOrder, expireStaleOrders, fulfillOrder, recordRefundTotal, refundOrder } from "@/lib/orders";
import { getOverview, parsePeriod } from "@/lib/stats";
import { balanceOf, checkoutWithBalance, giveBalance, makeProgram } from "@/tests/support/credit";
import { useTestDb } from "@/tests/support/factories";
import { makeShop } from "@/tests/support/orders";

/** Test payments (no Stripe key): the provider's page is ours and no money moves. */
const db = useTestDb();
const fan = () => `fan-${randomBytes(4).toString("hex")}@example.test`;
const clean = { drifted: [], unbalanced: [] };

async function orderOf(id: string) {
  const [order] = await db.select().from(orders).where(eq(orders.id, id));
  return order;
}
async function payoutOf(orderId: string) {
  const [payout] = await db.select().from(creditPayouts).where(eq(creditPayouts.orderId, orderId));
  return payout;
}
const entriesOf = (orderId: string) =>
  db
    .select({ kind: ledgerEntries.kind, amount: ledgerEntries.amount })
    .from(ledgerEntries)
    .where(eq(ledgerEntries.orderId, orderId));

describe("a fan's balance at a band's checkout (test payments)", () => {
  it("pays first and leaves the rest to the card; on payment the credit is spent and the band's share sent", async () => {
    const shop = await makeShop(db);
    const email = fan();
    await giveBalance(db, email, 300);
    const started = await checkoutWithBalance(db, shop, [{ kind: "release", id: shop.album.id }], {
      creditEmail: email,
      email,
    });
    if (!started.ok) throw new Error(started.error);
    expect(started.redirectUrl).toContain("/checkout/test/");
    const pending = await orderOf(started.orderId);
    expect(pending).toMatchObject({ total: 700, creditAmount: 300, provider: "test", status: "pending" });
    expect(await balanceOf(db, email)).toBe(0);

    const paid = await fulfillOrder(db, started.orderId, { paymentId: "test_pay_1" });
    expect(paid.outcome).toBe("fulfilled");
    expect((await entriesOf(started.orderId)).map((e) => `${e.kind}:${e.amount}`).sort()).toEqual([
      "hold:300",
      "spend:300",
    ]);
    const order = await orderOf(started.orderId);
    // The card (4.00) paid the fee and any VAT the platform owes, so the band gets the whole credit part.
    expect(400).toBeGreaterThanOrEqual(order.platformFee + order.vatPlatform);
    expect(await payoutOf(order.id)).toMatchObject({ amount: 300, status: "pending", currency: "EUR" });

    expect(await sendCreditPayouts(db)).toBeGreaterThanOrEqual(1);
    const sent = await payoutOf(order.id);
    expect(sent.status).toBe("sent");
    expect(sent.transferId).toMatch(/^test_tr_/);
    // Run again: nothing is sent twice.
    await sendCreditPayouts(db);
    expect((await payoutOf(order.id)).transferId).toBe(sent.transferId);
    expect(await checkLedger(db)).toEqual(clean);
  });

  it("buys a 0.10 track from the balance alone: no payment page, paid at once", async () => {
    const shop = await makeShop(db);
    await db.update(tracks).set({ priceAmount: 10 }).where(eq(tracks.id, shop.tracks[0].id));
    const email = fan();
    // Without a balance the card cannot take 0.10.
    const refused = await checkoutWithBalance(db, shop, [{ kind: "track", id: shop.tracks[0].id }], {
      creditEmail: email,
      email,
    });
    expect(refused).toMatchObject({ ok: false, error: "below_card_minimum", minimum: 50 });

    await giveBalance(db, email, 1000);
    const started = await checkoutWithBalance(db, shop, [{ kind: "track", id: shop.tracks[0].id }], {
      creditEmail: email,
      email: null,
    });
    if (!started.ok) throw new Error(started.error);
    expect(started.redirectUrl).toContain("/checkout/success?");
    const order = await orderOf(started.orderId);
    expect(order).toMatchObject({ status: "paid", provider: "credit", total: 10, creditAmount: 10, email });
    expect(order.providerSessionId).toMatch(/^credit_/);
    expect(await balanceOf(db, email)).toBe(990);
    // Balance-paid order: the band's share is what is left after the fee.
    expect((await payoutOf(order.id)).amount).toBe(10 - order.platformFee - order.vatPlatform);
    expect(await checkLedger(db)).toEqual(clean);
  });

  it("never overdraws a 10.00 balance when 100 checkouts spend it at once", async () => {
    const shop = await makeShop(db);
    const email = fan();
    await giveBalance(db, email, 1000);
    const results = await Promise.allSettled(
      Array.from({ length: 100 }, () =>
        checkoutWithBalance(db, shop, [{ kind: "track", id: shop.tracks[0].id }], { creditEmail: email, email }),
      ),
    );
    const values = results.map((r) => {
      if (r.status === "rejected") throw r.reason;
      return r.value;
    });
    expect(values.every((v) => v.ok || v.error === "credit_changed")).toBe(true);
    const spent = await db
      .select({ credit: sql<string>`coalesce(sum(${orders.creditAmount}), 0)` })
      .from(orders)
      .where(eq(orders.artistId, shop.artist.id));
    const left = await balanceOf(db, email);
    expect(left).toBeGreaterThanOrEqual(0);
    expect(Number(spent[0].credit) + left).toBe(1000);
    expect(Number(spent[0].credit)).toBeGreaterThan(0);
    expect(await checkLedger(db)).toEqual(clean);
  });

  it("does not spend one band's credit at another band", async () => {
    const [mine, other] = [await makeShop(db), await makeShop(db)];
    const email = fan();
    await giveBalance(db, email, 2000, { type: "artist", artistId: mine.artist.id });
    const elsewhere = await checkoutWithBalance(db, other, [{ kind: "release", id: other.album.id }], {
      creditEmail: email,
      email,
    });
    if (!elsewhere.ok) throw new Error(elsewhere.error);
    expect(await orderOf(elsewhere.orderId)).toMatchObject({ creditAmount: 0, provider: "test" });
    const here = await checkoutWithBalance(db, mine, [{ kind: "release", id: mine.album.id }], {
      creditEmail: email,
      email,
    });
    if (!here.ok) throw new Error(here.error);
    const order = await orderOf(here.orderId);
    expect(order).toMatchObject({ creditAmount: 700, provider: "credit", status: "paid" });
    // Paid by credit, counted in the band's figures as a sale like any other.
    const period = parsePeriod({ period: "7d" });
    if (!period.ok) throw new Error(period.error);
    const { current } = await getOverview(db, mine.artist.id, period.period);
    expect(current.orders).toBe(1);
    expect(current.money).toEqual([
      { currency: "EUR", gross: 700, fees: order.platformFee, refunds: 0, net: 700 - order.platformFee, orders: 1 },
    ]);
  });

  it("follows a sponsor's rules: digital only, its countries, its end date", async () => {
    const shop = await makeShop(db); // a French band
    const email = fan();
    const digital = await makeProgram(db, { digitalOnly: true });
    await giveBalance(db, email, 5000, { type: "program", programId: digital.id });
    const cd = await checkoutWithBalance(db, shop, [{ kind: "product", id: shop.cd.id }], {
      creditEmail: email,
      email,
      country: "FR",
    });
    if (!cd.ok) throw new Error(cd.error);
    expect((await orderOf(cd.orderId)).creditAmount).toBe(0);
    const album = await checkoutWithBalance(db, shop, [{ kind: "release", id: shop.album.id }], {
      creditEmail: email,
      email,
    });
    if (!album.ok) throw new Error(album.error);
    expect((await orderOf(album.orderId)).creditAmount).toBe(700);

    for (const program of [
      await makeProgram(db, { countries: ["DE", "AT"] }),
      await makeProgram(db, {}, new Date(Date.now() - 60_000)),
    ]) {
      const someone = fan();
      await giveBalance(db, someone, 5000, { type: "program", programId: program.id });
      const refused = await checkoutWithBalance(db, shop, [{ kind: "release", id: shop.album.id }], {
        creditEmail: someone,
        email: someone,
      });
      if (!refused.ok) throw new Error(refused.error);
      expect((await orderOf(refused.orderId)).creditAmount).toBe(0);
      expect(await balanceOf(db, someone, { type: "program", programId: program.id })).toBe(5000);
    }
  });

  it("gives the balance back when the checkout is canceled or expires", async () => {
    const shop = await makeShop(db);
    const email = fan();
    await giveBalance(db, email, 600);
    const first = await checkoutWithBalance(db, shop, [{ kind: "release", id: shop.album.id }], {
      creditEmail: email,
      email,
    });
    if (!first.ok) throw new Error(first.error);
    expect(await balanceOf(db, email)).toBe(0);
    expect(await cancelOrder(db, first.orderId, "declined")).toEqual({ outcome: "canceled" });
    expect(await balanceOf(db, email)).toBe(600);

    const second = await checkoutWithBalance(db, shop, [{ kind: "release", id: shop.album.id }], {
      creditEmail: email,
      email,
    });
    if (!second.ok) throw new Error(second.error);
    await db
      .update(orders)
      .set({ expiresAt: new Date(Date.now() - 3_600_000) })
      .where(eq(orders.id, second.orderId));
    expect(await expireStaleOrders(db)).toBeGreaterThanOrEqual(1);
    expect(await balanceOf(db, email)).toBe(600);
    // A late payment for the expired order spends nothing.
    expect((await fulfillOrder(db, second.orderId, { paymentId: "late" })).outcome).toBe("not_payable");
    expect(await balanceOf(db, email)).toBe(600);
    expect(await checkLedger(db)).toEqual(clean);
  });

  it("refunds what credit paid to the balance first, then the card, and reverses the band's payout", async () => {
    const shop = await makeShop(db);
    const email = fan();
    await giveBalance(db, email, 300);
    const started = await checkoutWithBalance(db, shop, [{ kind: "release", id: shop.album.id }], {
      creditEmail: email,
      email,
    });
    if (!started.ok) throw new Error(started.error);
    await fulfillOrder(db, started.orderId, { paymentId: "test_pay_r" });
    const actor = { kind: "member" as const, userId: shop.owner.id };
    expect(await refundOrder(db, { artistId: shop.artist.id, orderId: started.orderId, amount: 200, actor })).toEqual({
      ok: true,
    });
    expect(await orderOf(started.orderId)).toMatchObject({
      refundedAmount: 200,
      creditRefunded: 200,
      status: "partially_refunded",
    });
    expect(await balanceOf(db, email)).toBe(200);
    expect((await payoutOf(started.orderId)).reversedAmount).toBe(200);
    expect(await checkLedger(db)).toEqual(clean);

    expect(await refundOrder(db, { artistId: shop.artist.id, orderId: started.orderId, amount: 500, actor })).toEqual({
      ok: true,
    });
    expect(await orderOf(started.orderId)).toMatchObject({
      refundedAmount: 700,
      creditRefunded: 300,
      status: "refunded",
    });
    expect(await balanceOf(db, email)).toBe(300);
    expect((await payoutOf(started.orderId)).reversedAmount).toBe(300);
    const refunds = await db
      .select()
      .from(ledgerEntries)
      .where(and(eq(ledgerEntries.orderId, started.orderId), eq(ledgerEntries.kind, "refund")));
    expect(refunds.map((r) => r.amount).sort()).toEqual([100, 200]);
    expect(await checkLedger(db)).toEqual(clean);
  });

  it("adds a card refund reported by the provider to what went back to the balance", async () => {
    const shop = await makeShop(db);
    const email = fan();
    await giveBalance(db, email, 300);
    const started = await checkoutWithBalance(db, shop, [{ kind: "release", id: shop.album.id }], {
      creditEmail: email,
      email,
    });
    if (!started.ok) throw new Error(started.error);
    await fulfillOrder(db, started.orderId, { paymentId: "test_pay_w" });
    const actor = { kind: "member" as const, userId: shop.owner.id };
    await refundOrder(db, { artistId: shop.artist.id, orderId: started.orderId, amount: 300, actor });
    // Stripe's charge.refunded counts the card alone: 1.00 refunded from Stripe's dashboard.
    expect(await recordRefundTotal(db, started.orderId, 100, { card: true })).toEqual({ outcome: "updated" });
    expect(await orderOf(started.orderId)).toMatchObject({ refundedAmount: 400, creditRefunded: 300 });
    // The same event again changes nothing.
    expect(await recordRefundTotal(db, started.orderId, 100, { card: true })).toEqual({ outcome: "unchanged" });
    expect(await checkLedger(db)).toEqual(clean);
  });

  it("a double click on Refund gives the balance back once", async () => {
    const shop = await makeShop(db);
    const email = fan();
    await giveBalance(db, email, 1000);
    const started = await checkoutWithBalance(db, shop, [{ kind: "release", id: shop.album.id }], {
      creditEmail: email,
      email: null,
    });
    if (!started.ok) throw new Error(started.error);
    expect(await balanceOf(db, email)).toBe(300);
    const actor = { kind: "member" as const, userId: shop.owner.id };
    const both = await Promise.all(
      [1, 2].map(() => refundOrder(db, { artistId: shop.artist.id, orderId: started.orderId, amount: 400, actor })),
    );
    expect(both).toEqual([{ ok: true }, { ok: true }]);
    expect(await orderOf(started.orderId)).toMatchObject({ refundedAmount: 400, creditRefunded: 400 });
    expect(await balanceOf(db, email)).toBe(700);
    expect(await checkLedger(db)).toEqual(clean);
  });

  it("returns credit to each balance it came from, in proportion", async () => {
    const shop = await makeShop(db);
    const email = fan();
    await giveBalance(db, email, 400, { type: "artist", artistId: shop.artist.id });
    await giveBalance(db, email, 300);
    const started = await checkoutWithBalance(db, shop, [{ kind: "release", id: shop.album.id }], {
      creditEmail: email,
      email: null,
    });
    if (!started.ok) throw new Error(started.error);
    expect(await orderOf(started.orderId)).toMatchObject({ provider: "credit", creditAmount: 700, status: "paid" });
    const actor = { kind: "member" as const, userId: shop.owner.id };
    await refundOrder(db, { artistId: shop.artist.id, orderId: started.orderId, amount: 350, actor });
    expect(await balanceOf(db, email, { type: "artist", artistId: shop.artist.id })).toBe(200);
    expect(await balanceOf(db, email)).toBe(150);
    await refundOrder(db, { artistId: shop.artist.id, orderId: started.orderId, amount: 350, actor });
    expect(await balanceOf(db, email, { type: "artist", artistId: shop.artist.id })).toBe(400);
    expect(await balanceOf(db, email)).toBe(300);
    expect((await orderOf(started.orderId)).status).toBe("refunded");
    expect(await checkLedger(db)).toEqual(clean);
  });
});
