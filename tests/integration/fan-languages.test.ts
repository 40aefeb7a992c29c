import { randomBytes } from "node:crypto";
import { eq, like } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { emailQueue, orders, users } from "@/db/schema";
import { createCodeBatch, listBatchCodes } from "@/lib/codes";
import { requestLibraryLink } from "@/lib/library";
import {
  addToCart,
  findCart,
  fulfillOrder,
  redeemCode,
  setCartCountry,
  startCheckout,
  type AddItem,
} from "@/lib/orders";
import { markShipped } from "@/lib/orders/shipping-notice";
import { unique, useTestDb } from "@/tests/support/factories";
import { makeShop, queuedEmails } from "@/tests/support/orders";

const db = useTestDb();
type Shop = Awaited<ReturnType<typeof makeShop>>;
const ip = () => unique("198.51.100");

/** A fan's order checked out from a page in `locale` (the cart action passes the page's language). */
async function paidOrder(shop: Shop, items: AddItem[], locale: "de" | "es", email = `${unique("fan")}@example.test`) {
  const token = randomBytes(16).toString("base64url");
  for (const item of items) expect(await addToCart(db, { token, artist: shop.artist, item })).toEqual({ ok: true });
  await setCartCountry(db, (await findCart(db, token, shop.artist.id))!, "FR");
  const started = await startCheckout(db, { token, artist: shop.artist, email, subscribe: false, locale });
  if (!started.ok) throw new Error(started.error);
  await fulfillOrder(db, started.orderId, { paymentId: `test_pay_${started.orderId}` });
  return { orderId: started.orderId, email };
}

describe("a fan who buys in German or Spanish", () => {
  it("gets the receipt in the order's language, while the band's notice stays in the back office's", async () => {
    const shop = await makeShop(db);
    // A member whose stored language is a fan-only one still gets English (the dashboard's language).
    await db.update(users).set({ locale: "de" }).where(eq(users.id, shop.owner.id));
    const { orderId } = await paidOrder(shop, [{ kind: "release", id: shop.album.id }], "de");

    const [order] = await db.select().from(orders).where(eq(orders.id, orderId));
    expect(order.locale).toBe("de");
    const [receipt] = await queuedEmails(db, `receipt:${orderId}`);
    expect(receipt.subject).toBe(`Dein Kauf bei ${shop.artist.name}`);
    expect(receipt.text).toContain(`Danke, dass du ${shop.artist.name} unterstützt!`);
    expect(receipt.text).toMatch(/Gesamt\s+7,00\s€/);
    expect(receipt.text).toContain("Bestellnummer:");

    const [notice] = await db
      .select()
      .from(emailQueue)
      .where(like(emailQueue.dedupeKey, `notice:${orderId}:%`));
    expect(notice.subject).toMatch(/^New order: €7\.00$/);
  });

  it("is told in Spanish when a Spanish order ships", async () => {
    const shop = await makeShop(db);
    const { orderId, email } = await paidOrder(shop, [{ kind: "product", id: shop.cd.id }], "es");
    const [receipt] = await queuedEmails(db, `receipt:${orderId}`);
    expect(receipt.subject).toBe(`Tu compra a ${shop.artist.name}`);
    expect(receipt.text).toContain("Envío");

    expect(
      await markShipped(db, { artistId: shop.artist.id, orderId, carrier: "DHL", trackingNumber: "JD1" }),
    ).toMatchObject({ ok: true, emailed: true });
    const [shipped] = await db
      .select()
      .from(emailQueue)
      .where(like(emailQueue.dedupeKey, `shipped:${orderId}:%`));
    expect(shipped).toMatchObject({ to: email, subject: `Tu pedido a ${shop.artist.name} ya está en camino` });
    expect(shipped.text).toContain("Número de seguimiento");
  });

  it("redeems a code in Spanish and asks for a library link in German, each mailed in that language", async () => {
    const shop = await makeShop(db);
    const made = await createCodeBatch(db, {
      artistId: shop.artist.id,
      releaseId: shop.album.id,
      count: 1,
      createdBy: null,
    });
    if (!made.ok) throw new Error(made.error);
    const [code] = await listBatchCodes(db, made.batch.id);
    const email = `${unique("fan")}@example.test`;
    const redeemed = await redeemCode(db, { code: code.code, email, subscribe: false, locale: "es", ip: ip() });
    if (!redeemed.ok) throw new Error(redeemed.reason);
    const [receipt] = await queuedEmails(db, `receipt:${redeemed.orderId}`);
    expect(receipt.text).toContain(`Aquí tienes tu descarga de ${shop.artist.name}.`);

    expect(await requestLibraryLink(db, { email, ip: ip(), locale: "de" })).toEqual({ ok: true, email });
    const [link] = await db
      .select()
      .from(emailQueue)
      .where(eq(emailQueue.to, email))
      .then((rows) => rows.filter((row) => row.subject.includes("Bibliothek")));
    expect(link.subject).toBe("Deine Merchtable-Bibliothek");
    expect(link.text).toContain("Der Link funktioniert einmal");
  });
});
