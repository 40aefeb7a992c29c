import { and, desc, eq } from "drizzle-orm";
import { describe, expect, it, vi } from "vitest";
import { refundAction, replayEventAction } from "@/app/admin/actions";
import { auditLog, orders, paymentEventLog } from "@/db/schema";
import { listPaymentEvents } from "@/lib/admin";
import { refundOrder } from "@/lib/orders";
import { receiveStripeWebhook } from "@/lib/orders/payment-events/webhook";
import { formData, makeOperator, useTestDb } from "@/tests/support/factories";
import { openStripeCheckout, signEvent, stripeEvent, useStripeStandIn } from "@/tests/support/stripe-events";

const db = useTestDb();
const stripe = useStripeStandIn();

let viewer: { id: string; email: string; name: string | null } | null = null;
vi.mock("@/lib/auth", () => ({ currentUser: async () => viewer }));

/** Where the action sent the operator back to (Next's redirect() throws it as a digest). */
async function redirectOf(run: () => Promise<unknown>) {
  const error = await run().then(
    () => null,
    (e: unknown) => e,
  );
  const digest = (error as { digest?: string } | null)?.digest ?? "";
  if (digest.startsWith("NEXT_HTTP_ERROR_FALLBACK;404")) return "404";
  if (!digest.startsWith("NEXT_REDIRECT")) throw error ?? new Error("the action returned without redirecting");
  return digest.split(";")[2];
}

async function send(type: string, object: Record<string, unknown> & { id: string }) {
  const signed = signEvent(stripeEvent(type, object));
  return { ...(await receiveStripeWebhook(db, signed.payload, signed.signature)), eventId: signed.id };
}

const logOf = (eventId: string) =>
  db.select().from(paymentEventLog).where(eq(paymentEventLog.eventId, eventId)).orderBy(paymentEventLog.createdAt);

describe("the payment event log and Replay", () => {
  it("logs every verified event with its result; replaying a failed one applies it, an applied one stays a no-op; both audited", async () => {
    const checkout = await openStripeCheckout(db, { cds: 1 });
    const paid = stripe.pay(checkout.sessionId, { email: checkout.email });
    const total = paid.charge.amount as number;
    // The refund arrives before the payment it refunds: it fails (500) until the order is paid.
    const charge = { ...paid.charge, metadata: { orderId: checkout.order.id }, amount_refunded: total, refunded: true };
    const refund = await send("charge.refunded", charge);
    expect(refund).toMatchObject({ status: 500 });
    const [failed] = await logOf(refund.eventId);
    expect(failed).toMatchObject({ result: "failed", type: "charge.refunded" });
    expect(failed.error).toBeTruthy();

    const completed = await send("checkout.session.completed", paid.session);
    expect(completed).toMatchObject({ status: 200, result: "applied" });
    const [applied] = await logOf(completed.eventId);
    expect(applied.result).toBe("applied");
    const ignored = await send("customer.created", { id: "cus_test_ignored" });
    expect((await logOf(ignored.eventId))[0].result).toBe("ignored");

    const listed = await listPaymentEvents(db, { limit: 200 });
    const ids = listed.map((e) => e.eventId);
    expect(ids.indexOf(ignored.eventId)).toBeLessThan(ids.indexOf(completed.eventId));
    expect(ids.indexOf(completed.eventId)).toBeLessThan(ids.indexOf(refund.eventId));

    viewer = await makeOperator(db);
    expect(await redirectOf(() => replayEventAction(formData({ logId: failed.id })))).toBe(
      "/admin/payments?done=replay_applied",
    );
    const [order] = await db.select().from(orders).where(eq(orders.id, checkout.order.id));
    expect(order).toMatchObject({ status: "refunded", refundedAmount: total });

    expect(await redirectOf(() => replayEventAction(formData({ logId: applied.id })))).toBe(
      "/admin/payments?done=replay_already_applied",
    );
    expect((await logOf(completed.eventId)).map((e) => e.result)).toEqual(["applied", "already_applied"]);
    expect((await logOf(refund.eventId)).map((e) => e.result)).toEqual(["failed", "applied"]);

    const audits = await db
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.action, "payment_event.replay"), eq(auditLog.actorUserId, viewer.id)))
      .orderBy(auditLog.createdAt);
    expect(audits.map((a) => [a.targetId, a.details.result])).toEqual([
      [refund.eventId, "applied"],
      [completed.eventId, "already_applied"],
    ]);

    viewer = { id: checkout.owner.id, email: checkout.owner.email, name: null };
    expect(await redirectOf(() => replayEventAction(formData({ logId: failed.id })))).toBe("404");
  });
});

describe("refunds by an operator", () => {
  it("an operator refunds any band's order through the provider, with an audit entry; a band refund is audited too", async () => {
    const checkout = await openStripeCheckout(db, { cds: 1 });
    const paid = stripe.pay(checkout.sessionId, { email: checkout.email });
    expect(await send("checkout.session.completed", paid.session)).toMatchObject({ result: "applied" });
    const [order] = await db.select().from(orders).where(eq(orders.id, checkout.order.id));

    const bandRefund = await refundOrder(db, {
      artistId: checkout.artist.id,
      orderId: order.id,
      amount: 100,
      actor: { kind: "member", userId: checkout.owner.id, email: checkout.owner.email },
    });
    expect(bandRefund).toEqual({ ok: true });

    viewer = { id: checkout.owner.id, email: checkout.owner.email, name: null };
    const fields = { artistId: checkout.artist.id, orderId: order.id, currency: order.currency, amount: "2.00" };
    expect(await redirectOf(() => refundAction(formData({ ...fields, reason: "Duplicate purchase" })))).toBe("404");

    viewer = await makeOperator(db);
    const page = `/admin/bands/${checkout.artist.id}`;
    expect(await redirectOf(() => refundAction(formData({ ...fields, reason: "" })))).toBe(
      `${page}?error=reason_required`,
    );
    expect(await redirectOf(() => refundAction(formData({ ...fields, amount: "100000", reason: "x" })))).toBe(
      `${page}?error=amount_invalid`,
    );
    expect(await redirectOf(() => refundAction(formData({ ...fields, reason: "Duplicate purchase" })))).toBe(
      `${page}?done=refund`,
    );
    const [after] = await db.select().from(orders).where(eq(orders.id, order.id));
    expect(after).toMatchObject({ status: "partially_refunded", refundedAmount: 300 });

    const trail = await db
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.action, "order.refund"), eq(auditLog.targetId, order.id)))
      .orderBy(desc(auditLog.createdAt));
    expect(trail.map((e) => [e.actorKind, e.reason, e.details.amount, e.artistId])).toEqual([
      ["operator", "Duplicate purchase", 200, checkout.artist.id],
      ["member", null, 100, checkout.artist.id],
    ]);
  });
});
