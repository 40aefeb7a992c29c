import { and, eq } from "drizzle-orm";
import { afterAll, describe, expect, it } from "vitest";
import { GET as giftReturn } from "@/app/(shop)/gift/return/route";
import { POST } from "@/app/api/stripe/webhook/route";
import { creditPurchases, giftCards, ledgerEntries } from "@/db/schema";
import { checkLedger, ensureAccount, move, redeemCredit, startCreditPurchase, unsealGiftCode } from "@/lib/credit";
import { boss, forgetBoss } from "@/lib/queue";
import { useTestDb } from "@/tests/support/factories";
import { giftEmail, startGift } from "@/tests/support/gifts";
import { queuedEmails } from "@/tests/support/orders";
import { signEvent, stripeEvent, useStripeStandIn, webhookRequest } from "@/tests/support/stripe-events";

const db = useTestDb();
const stripe = useStripeStandIn();
afterAll(async () => {
  await (await boss()).stop({ graceful: false, wait: true });
  forgetBoss();
});

async function deliver(type: string, object: Record<string, unknown> & { id: string }) {
  const signed = signEvent(stripeEvent(type, object));
  const response = await POST(webhookRequest(signed.payload, signed.signature));
  expect(response.status).toBe(200);
}

/** A gift card paid on Stripe's page, its completed checkout delivered to the webhook. */
async function paidGift() {
  const started = await startGift(db, { gift: { senderName: "Alex" } });
  const [purchase] = await db.select().from(creditPurchases).where(eq(creditPurchases.id, started.purchaseId));
  const paid = stripe.pay(purchase.providerSessionId!, { email: started.email });
  await deliver("checkout.session.completed", paid.session);
  const [card] = await db.select().from(giftCards).where(eq(giftCards.purchaseId, purchase.id));
  return { ...started, purchase, card, charge: paid.charge, intent: paid.intent };
}

const refundOf = (charge: Record<string, unknown>, metadata: Record<string, string> = {}) => ({
  ...charge,
  id: String(charge.id),
  amount_refunded: charge.amount,
  refunded: true,
  metadata,
});
const disputeOf = (charge: Record<string, unknown>) => ({
  id: `dp_${Math.random().toString(36).slice(2)}`,
  object: "dispute",
  amount: charge.amount,
  charge: charge.id,
  payment_intent: charge.payment_intent,
  currency: charge.currency,
  metadata: {},
  reason: "fraudulent",
  status: "needs_response",
});
const freezes = (purchaseId: string) =>
  db
    .select()
    .from(ledgerEntries)
    .where(and(eq(ledgerEntries.purchaseId, purchaseId), eq(ledgerEntries.kind, "freeze")));

describe("a gift card paid through Stripe", () => {
  it("is issued once by the completed checkout, with the buyer's receipt", async () => {
    const gift = await paidGift();
    expect(gift.card).toMatchObject({ status: "active", amount: 2500 });
    const [purchase] = await db.select().from(creditPurchases).where(eq(creditPurchases.id, gift.purchaseId));
    expect(purchase).toMatchObject({ status: "paid", providerPaymentId: gift.intent.id });
    // Stripe sends it again: still one card.
    await deliver("checkout.session.completed", stripe.sessions.get(purchase.providerSessionId!)!);
    expect(await db.select().from(giftCards).where(eq(giftCards.purchaseId, gift.purchaseId))).toHaveLength(1);
    expect(await queuedEmails(db, `gift-receipt:${gift.purchaseId}`)).toHaveLength(1);
  });

  it("is issued by the buyer's return from Stripe when the webhook is late, and only once", async () => {
    const started = await startGift(db);
    const [purchase] = await db.select().from(creditPurchases).where(eq(creditPurchases.id, started.purchaseId));
    const back = (session: string, id = purchase.id) =>
      giftReturn(
        new Request(`http://localhost:3000/gift/return?purchase=${id}&session=${encodeURIComponent(session)}`),
      );
    // Back before paying (or with a session that is not this purchase's): nothing is issued.
    expect((await back(purchase.providerSessionId!)).headers.get("location")).toBe(
      `/gift/thanks?purchase=${purchase.id}&session=${purchase.providerSessionId}`,
    );
    expect(await db.select().from(giftCards).where(eq(giftCards.purchaseId, purchase.id))).toEqual([]);
    const paid = stripe.pay(purchase.providerSessionId!, { email: started.email });
    await back("cs_test_forged");
    expect(await db.select().from(giftCards).where(eq(giftCards.purchaseId, purchase.id))).toEqual([]);
    await Promise.all([back(purchase.providerSessionId!), back(purchase.providerSessionId!)]);
    await deliver("checkout.session.completed", paid.session);
    expect(await db.select().from(giftCards).where(eq(giftCards.purchaseId, purchase.id))).toHaveLength(1);
    const [after] = await db.select().from(creditPurchases).where(eq(creditPurchases.id, purchase.id));
    expect(after).toMatchObject({ status: "paid", providerPaymentId: paid.intent.id });
  });

  it("is frozen whole when its payment is refunded, once however often Stripe says so", async () => {
    const gift = await paidGift();
    const refund = refundOf(gift.charge, { creditPurchaseId: gift.purchaseId });
    await deliver("charge.refunded", refund);
    await deliver("charge.refunded", refund);
    const [card] = await db.select().from(giftCards).where(eq(giftCards.id, gift.card.id));
    expect(card.status).toBe("frozen");
    const [purchase] = await db.select().from(creditPurchases).where(eq(creditPurchases.id, gift.purchaseId));
    expect(purchase).toMatchObject({ status: "refunded", refundedAmount: 2500 });
    expect((await freezes(gift.purchaseId)).map((e) => e.amount)).toEqual([2500]);
    expect(
      await redeemCredit(db, { code: unsealGiftCode(card.codeSealed)!, email: giftEmail(), ip: "10.9.0.2" }),
    ).toEqual({ ok: false, reason: "frozen" });
    expect(await checkLedger(db)).toEqual({ drifted: [], unbalanced: [] });
  });

  it("freezes what is left of a redeemed card in the redeemer's balance when the payment is disputed", async () => {
    const gift = await paidGift();
    const code = unsealGiftCode(gift.card.codeSealed)!;
    const fan = giftEmail("redeemer");
    expect(await redeemCredit(db, { code, email: fan, ip: "10.9.0.1" })).toMatchObject({ ok: true });
    // The fan spent 10.00 of it at a band, and holds 3.00 more from elsewhere.
    const balance = { kind: "fan", email: fan, currency: "EUR", scope: { type: "platform" } } as const;
    await db.transaction(async (tx) => {
      const held = { kind: "held", orderId: `order-${gift.purchaseId}`, currency: "EUR" } as const;
      await move(tx, "hold", balance, held, 1000);
      await move(tx, "spend", held, { kind: "spent", currency: "EUR" }, 1000);
      await move(tx, "issue", { kind: "issued", currency: "EUR" }, balance, 300);
    });
    const dispute = disputeOf(gift.charge);
    await deliver("charge.dispute.created", dispute);
    // Stripe sends it again after the fan got 2.00 from elsewhere: that is not frozen.
    await db.transaction((tx) => move(tx, "issue", { kind: "issued", currency: "EUR" }, balance, 200));
    await deliver("charge.dispute.created", dispute);
    const [purchase] = await db.select().from(creditPurchases).where(eq(creditPurchases.id, gift.purchaseId));
    expect(purchase.status).toBe("disputed");
    expect((await freezes(gift.purchaseId)).map((e) => e.amount)).toEqual([1800]);
    expect((await ensureAccount(db, balance)).balance).toBe(200);
    // A refund after the dispute changes nothing more.
    await deliver("charge.refunded", refundOf(gift.charge));
    expect((await freezes(gift.purchaseId)).map((e) => e.amount)).toEqual([1800]);
    expect(await checkLedger(db)).toEqual({ drifted: [], unbalanced: [] });
  });

  it("a refunded top-up freezes from the fan's platform balance, no more than it holds", async () => {
    const fan = giftEmail("topper");
    const started = await startCreditPurchase(db, {
      kind: "top_up",
      email: fan,
      currency: "EUR",
      unitAmount: 2000,
      locale: "en",
      successPath: "/gift/thanks?purchase={PURCHASE}&session={SESSION}",
      cancelPath: "/library",
    });
    if (!started.ok) throw new Error(started.error);
    const [purchase] = await db.select().from(creditPurchases).where(eq(creditPurchases.id, started.purchaseId));
    const paid = stripe.pay(purchase.providerSessionId!, { email: fan });
    await deliver("checkout.session.completed", paid.session);
    const balance = { kind: "fan", email: fan, currency: "EUR", scope: { type: "platform" } } as const;
    expect((await ensureAccount(db, balance)).balance).toBe(2000);
    await db.transaction(async (tx) => {
      const held = { kind: "held", orderId: `order-${purchase.id}`, currency: "EUR" } as const;
      await move(tx, "hold", balance, held, 1500);
      await move(tx, "spend", held, { kind: "spent", currency: "EUR" }, 1500);
    });
    await deliver("charge.refunded", refundOf(paid.charge));
    expect((await freezes(purchase.id)).map((e) => e.amount)).toEqual([500]);
    expect((await ensureAccount(db, balance)).balance).toBe(0);
    expect(await checkLedger(db)).toEqual({ drifted: [], unbalanced: [] });
  });

  it("leaves a refund of a band's order to the order handlers", async () => {
    const refund = {
      id: "ch_not_ours",
      object: "charge",
      amount: 900,
      amount_refunded: 900,
      payment_intent: "pi_not_ours",
      metadata: {},
    };
    await deliver("charge.refunded", refund);
  });
});
