import { randomBytes } from "node:crypto";
import { asc, eq } from "drizzle-orm";
import { describe, expect, it, vi } from "vitest";
import { POST } from "@/app/api/stripe/webhook/route";
import { artists, orderItems, orders } from "@/db/schema";
import { addToCart, startCheckout } from "@/lib/orders";
import { useTestDb } from "@/tests/support/factories";
import { makeShop } from "@/tests/support/orders";
import { signEvent, stripeEvent, useStripeStandIn, webhookRequest } from "@/tests/support/stripe-events";
import type { Params } from "@/tests/support/stripe-stand-in";

// The settings are read once per process: Stripe Tax is on for this whole file (vat-checkout covers the table).
vi.hoisted(() => {
  process.env.STRIPE_TAX = "1";
});

const db = useTestDb();
const stripe = useStripeStandIn();

describe("VAT computed by Stripe Tax (STRIPE_TAX=1)", () => {
  it("sends VAT-inclusive prices with music's tax code, and keeps the VAT Stripe found, split as the order's lines", async () => {
    const base = await makeShop(db);
    const [artist] = await db
      .update(artists)
      .set({
        payoutAccountId: `acct_test_${randomBytes(6).toString("hex")}`,
        payoutStatus: "active",
        vatStatus: "registered",
        vatNumber: "FR40123456824",
        vatRateBasisPoints: 2000,
      })
      .where(eq(artists.id, base.artist.id))
      .returning();
    const token = randomBytes(16).toString("base64url");
    await addToCart(db, { token, artist, item: { kind: "release", id: base.album.id }, country: "FR" });
    await addToCart(db, { token, artist, item: { kind: "product", id: base.cd.id }, country: "FR" });
    const started = await startCheckout(db, {
      token,
      artist,
      email: "fan@example.test",
      subscribe: false,
      locale: "fr",
      ip: "90.0.0.1",
    });
    if (!started.ok) throw new Error(started.error);

    const sent = stripe
      .requestsTo("POST", "/v1/checkout/sessions")
      .find((r) => (r.body.metadata as Params).orderId === started.orderId)!;
    expect(sent.body.automatic_tax).toEqual({ enabled: "true" });
    const lines = (sent.body.line_items as Params[]).map((line) => line.price_data as Params);
    expect(lines.map((p) => [p.unit_amount, p.tax_behavior, (p.product_data as Params).tax_code])).toEqual([
      ["700", "inclusive", "txcd_10401100"],
      ["1200", "inclusive", "txcd_99999999"],
    ]);
    const [pending] = await db.select().from(orders).where(eq(orders.id, started.orderId));
    // The table's estimate until Stripe says: 1.17 on the download, 2.67 on the CD and its €4 shipping.
    expect(pending).toMatchObject({ total: 2300, tax: 117 + 267, taxSource: "table" });

    // Stripe found 3.90 within the same total (inclusive prices: the fan pays what the cart showed).
    const { session } = stripe.pay(pending.providerSessionId!, { tax: 390, cardCountry: "FR" });
    expect(session.amount_total).toBe(2300);
    const signed = signEvent(stripeEvent("checkout.session.completed", session));
    expect((await POST(webhookRequest(signed.payload, signed.signature))).status).toBe(200);

    const [paid] = await db.select().from(orders).where(eq(orders.id, started.orderId));
    expect(paid).toMatchObject({ status: "paid", total: 2300, tax: 390, taxSource: "stripe" });
    // Split as the table split it (117 : 267), then over each party's lines.
    expect([paid.vatPlatform, paid.vatSeller]).toEqual([119, 271]);
    const items = await db
      .select()
      .from(orderItems)
      .where(eq(orderItems.orderId, paid.id))
      .orderBy(asc(orderItems.kind));
    expect(items.map((i) => [i.kind, i.vatAmount, i.vatLiability])).toEqual([
      ["release", 119, "platform"],
      ["product", 203, "seller"],
    ]);
  });
});
