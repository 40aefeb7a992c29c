import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { POST } from "@/app/api/stripe/webhook/route";
import { useTestDb } from "@/tests/support/factories";
import {
  openStripeCheckout,
  orderTrail,
  signEvent,
  stripeEvent,
  useStripeStandInEnv,
  webhookRequest,
} from "@/tests/support/stripe-events";
import { startStripeStandIn, type StripeStandIn } from "@/tests/support/stripe-stand-in";

// Its own file: the environment is parsed once per process, and here STRIPE_WEBHOOK_SECRET is unset.
const db = useTestDb();
let stripe: StripeStandIn;

beforeAll(async () => {
  stripe = await startStripeStandIn();
  useStripeStandInEnv(stripe, { webhookSecret: null });
});
afterAll(() => stripe.close());

describe("a shop whose STRIPE_WEBHOOK_SECRET is not set", () => {
  it("refuses every webhook with 400, even a correctly signed one, and writes nothing", async () => {
    const checkout = await openStripeCheckout(db);
    const { session } = stripe.pay(checkout.sessionId, { email: checkout.email });
    const signed = signEvent(stripeEvent("checkout.session.completed", session));
    for (const signature of [signed.signature, null]) {
      const response = await POST(webhookRequest(signed.payload, signature));
      expect(response.status).toBe(400);
      expect(await response.json()).toEqual({ error: "STRIPE_WEBHOOK_SECRET is not set: webhooks are refused." });
    }
    const trail = await orderTrail(db, checkout.order.id, [signed.id]);
    expect(trail.events).toEqual([]);
    expect(trail.order.status).toBe("pending");
    expect(trail.grants).toEqual([]);
    expect(trail.emails).toEqual([]);
    expect(trail.reservations).toEqual([{ status: "held", quantity: 1 }]);
  });
});
