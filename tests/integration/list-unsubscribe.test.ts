import { and, eq } from "drizzle-orm";
import { afterAll, describe, expect, it } from "vitest";
import { POST as oneClick } from "@/app/api/unsubscribe/[token]/route";
import { subscribers } from "@/db/schema";
import { createCodeBatch, listBatchCodes } from "@/lib/codes";
import { sendQueuedEmail } from "@/lib/email";
import { listUnsubscribeHeaders } from "@/lib/email/list-unsubscribe";
import { unsubscribeToken, unsubscribeUrl } from "@/lib/fans";
import { redeemCode } from "@/lib/orders";
import { unique, useTestDb } from "@/tests/support/factories";
import { makeShop, queuedEmails } from "@/tests/support/orders";
import { startSmtpStandIn } from "@/tests/support/smtp-stand-in";

// Before anything reads the configuration: receipts leave through this server, not the dev outbox.
const smtp = await startSmtpStandIn();
process.env.SMTP_URL = smtp.url;
afterAll(() => smtp.close());

const db = useTestDb();
type Shop = Awaited<ReturnType<typeof makeShop>>;

/** A fan redeems a card (the shortest way to a receipt), ticking "news from the band" or not. */
async function receiptFor(shop: Shop, email: string, subscribe: boolean) {
  const made = await createCodeBatch(db, {
    artistId: shop.artist.id,
    releaseId: shop.album.id,
    count: 1,
    createdBy: null,
  });
  if (!made.ok) throw new Error(made.error);
  const [{ code }] = await listBatchCodes(db, made.batch.id);
  const redeemed = await redeemCode(db, { code, email, subscribe, locale: "en", ip: unique("10.2.0") });
  if (!redeemed.ok) throw new Error(redeemed.reason);
  const [row] = await queuedEmails(db, `receipt:${redeemed.orderId}`);
  return { orderId: redeemed.orderId, row };
}

const subscriberOf = async (shop: Shop, email: string) =>
  (
    await db
      .select()
      .from(subscribers)
      .where(and(eq(subscribers.artistId, shop.artist.id), eq(subscribers.email, email)))
  )[0];

const post = (token: string) =>
  oneClick(
    new Request(`http://shop.test/library/unsubscribe/${token}`, {
      method: "POST",
      headers: { "content-type": "application/x-www-form-urlencoded" },
      body: "List-Unsubscribe=One-Click",
    }),
    { params: Promise.resolve({ token }) },
  );

describe("the receipt of a fan who asked for the band's news", () => {
  it("reaches the mail server with List-Unsubscribe and one-click headers for that fan and band", async () => {
    const shop = await makeShop(db);
    const { row } = await receiptFor(shop, "news@example.test", true);
    await sendQueuedEmail(db, row);
    const mail = smtp.messages.find((m) => m.to.includes("news@example.test"));
    const fan = await subscriberOf(shop, "news@example.test");
    expect(mail?.headers.get("list-unsubscribe")).toBe(`<${unsubscribeUrl(fan.id)}>`);
    expect(mail?.headers.get("list-unsubscribe")).toMatch(/^<https?:\/\/[^>]+\/library\/unsubscribe\/[^>]+>$/);
    expect(mail?.headers.get("list-unsubscribe-post")).toBe("List-Unsubscribe=One-Click");
  });

  it("carries none for a fan who did not subscribe, nor once the fan has left; resent receipts carry it too", async () => {
    const shop = await makeShop(db);
    const quiet = await receiptFor(shop, "quiet@example.test", false);
    await sendQueuedEmail(db, quiet.row);
    const mail = smtp.messages.find((m) => m.to.includes("quiet@example.test"));
    expect(mail?.headers.has("list-unsubscribe")).toBe(false);
    expect(mail?.headers.has("list-unsubscribe-post")).toBe(false);

    const news = await receiptFor(shop, "leaver@example.test", true);
    expect(await listUnsubscribeHeaders(db, `receipt:${news.orderId}:resend:${crypto.randomUUID()}`)).toMatchObject({
      "List-Unsubscribe-Post": "List-Unsubscribe=One-Click",
    });
    expect(await listUnsubscribeHeaders(db, `shipped:${news.orderId}:x`)).toBeUndefined();
    expect((await post(unsubscribeToken((await subscriberOf(shop, "leaver@example.test")).id))).status).toBe(200);
    expect(await listUnsubscribeHeaders(db, `receipt:${news.orderId}`)).toBeUndefined();
  });
});

describe("one-click unsubscribe (RFC 8058)", () => {
  it("unsubscribes that fan from that band only, at once, and saying so again is harmless", async () => {
    const shop = await makeShop(db);
    const otherBand = await makeShop(db);
    await receiptFor(shop, "fan@example.test", true);
    await receiptFor(shop, "friend@example.test", true);
    await receiptFor(otherBand, "fan@example.test", true);
    const fan = await subscriberOf(shop, "fan@example.test");

    const first = await post(unsubscribeToken(fan.id));
    expect(first.status).toBe(200);
    expect(await first.text()).toContain(shop.artist.name);
    const left = (await subscriberOf(shop, "fan@example.test")).unsubscribedAt;
    expect(left).toBeInstanceOf(Date);

    const again = await post(unsubscribeToken(fan.id));
    expect(again.status).toBe(200);
    expect((await subscriberOf(shop, "fan@example.test")).unsubscribedAt).toEqual(left);
    expect((await subscriberOf(shop, "friend@example.test")).unsubscribedAt).toBeNull();
    expect((await subscriberOf(otherBand, "fan@example.test")).unsubscribedAt).toBeNull();
  });

  it("refuses a forged or altered token and changes nothing", async () => {
    const shop = await makeShop(db);
    await receiptFor(shop, "fan@example.test", true);
    const fan = await subscriberOf(shop, "fan@example.test");
    const good = unsubscribeToken(fan.id);
    for (const bad of [
      `${fan.id}.forged`,
      `${good.slice(0, -2)}xx`,
      `${crypto.randomUUID()}.${good.split(".")[1]}`,
      "nonsense",
    ]) {
      const response = await post(bad);
      expect(response.status).toBe(404);
      expect(await response.text()).toContain("not valid");
    }
    expect((await subscriberOf(shop, "fan@example.test")).unsubscribedAt).toBeNull();
  });
});
