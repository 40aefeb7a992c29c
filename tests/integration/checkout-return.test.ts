import { eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { GET } from "@/app/(shop)/checkout/return/route";
import { orders } from "@/db/schema";
import { useTestDb } from "@/tests/support/factories";
import { openStripeCheckout, useStripeStandIn } from "@/tests/support/stripe-events";

const db = useTestDb();
const stripe = useStripeStandIn();

const statusOf = async (orderId: string) =>
  (await db.select({ status: orders.status }).from(orders).where(eq(orders.id, orderId)))[0].status;
const back = (orderId: string, session: string) =>
  GET(new Request(`http://localhost:3000/checkout/return?order=${orderId}&session=${encodeURIComponent(session)}`));

describe("a fan sent back from Stripe's payment page", () => {
  it("before the webhook: the return address confirms the payment, fulfils the order and sends the fan on to the thank-you page", async () => {
    const checkout = await openStripeCheckout(db, { cds: 0 });
    const thanks = `/checkout/success?order=${checkout.order.id}&session=${encodeURIComponent(checkout.sessionId)}`;

    // Not paid yet: nothing changes, and the thank-you page (which only reads) says it is processing.
    const waiting = await back(checkout.order.id, checkout.sessionId);
    expect(waiting.status).toBe(303);
    expect(waiting.headers.get("location")).toBe(thanks);
    expect(waiting.headers.get("cache-control")).toBe("no-store");
    expect(waiting.headers.get("x-robots-tag")).toBe("noindex");
    expect(await statusOf(checkout.order.id)).toBe("pending");

    stripe.pay(checkout.sessionId, { email: checkout.email });
    const paid = await back(checkout.order.id, checkout.sessionId);
    expect(paid.headers.get("location")).toBe(thanks);
    expect(await statusOf(checkout.order.id)).toBe("paid");
  });

  it("with another order's session, or an expired one, changes nothing", async () => {
    const mine = await openStripeCheckout(db, { cds: 0 });
    const other = await openStripeCheckout(db, { cds: 0 });
    stripe.pay(other.sessionId, { email: other.email });
    await back(mine.order.id, other.sessionId);
    expect(await statusOf(mine.order.id)).toBe("pending");
    expect(await statusOf(other.order.id)).toBe("pending");

    stripe.expire(mine.sessionId);
    const expired = await back(mine.order.id, mine.sessionId);
    expect(expired.headers.get("location")).toMatch(/&failed=1$/);
    expect(await statusOf(mine.order.id)).toBe("pending");
  });
});
