import { randomBytes } from "node:crypto";
import { and, eq } from "drizzle-orm";
import { afterEach, describe, expect, it, vi } from "vitest";
import { GET as exportRoute } from "@/app/(dashboard)/dashboard/[artist]/fans/export/route";
import { emailQueue, subscribers } from "@/db/schema";
import {
  countSubscribed,
  listSubscribers,
  lookUpUnsubscribe,
  readUnsubscribeToken,
  unsubscribeToken,
  unsubscribeUrl,
  unsubscribeWithToken,
} from "@/lib/fans";
import { addToCart, findCart, fulfillOrder, setCartCountry, startCheckout } from "@/lib/orders";
import { useTestDb } from "@/tests/support/factories";
import { makeShop } from "@/tests/support/orders";

let viewer: { id: string; email: string; name: string | null } | null = null;
vi.mock("@/lib/auth", () => ({ currentUser: async () => viewer }));
afterEach(() => {
  viewer = null;
});

const db = useTestDb();
type Shop = Awaited<ReturnType<typeof makeShop>>;

async function buy(shop: Shop, email: string, subscribe: boolean) {
  const token = randomBytes(16).toString("base64url");
  await addToCart(db, { token, artist: shop.artist, item: { kind: "release", id: shop.album.id } });
  await setCartCountry(db, (await findCart(db, token, shop.artist.id))!, "FR");
  const started = await startCheckout(db, { token, artist: shop.artist, email, subscribe, locale: "en" });
  if (!started.ok) throw new Error(started.error);
  await fulfillOrder(db, started.orderId, { paymentId: `test_pay_${started.orderId}` });
  return started.orderId;
}

const subscriberOf = async (shop: Shop, email: string) =>
  (
    await db
      .select()
      .from(subscribers)
      .where(and(eq(subscribers.artistId, shop.artist.id), eq(subscribers.email, email)))
  )[0];

describe("the band's fans", () => {
  it("lists opted-in buyers with source and date, searchable, unsubscribed ones marked", async () => {
    const shop = await makeShop(db);
    await buy(shop, "yes@example.test", true);
    await buy(shop, "no@example.test", false);
    await db.insert(subscribers).values({
      artistId: shop.artist.id,
      email: "free@example.test",
      source: "free_download",
      unsubscribedAt: new Date(),
    });
    const list = await listSubscribers(db, shop.artist.id);
    expect(list.subscribers.map((s) => [s.email, s.source, s.unsubscribedAt !== null]).sort()).toEqual([
      ["free@example.test", "free_download", true],
      ["yes@example.test", "checkout", false],
    ]);
    expect(await countSubscribed(db, shop.artist.id)).toBe(1);
    expect((await listSubscribers(db, shop.artist.id, { search: "YES@" })).subscribers.map((s) => s.email)).toEqual([
      "yes@example.test",
    ]);
    expect((await listSubscribers(db, (await makeShop(db)).artist.id)).total).toBe(0);
  });

  it("exports them as CSV for members only", async () => {
    const shop = await makeShop(db);
    const other = await makeShop(db);
    await buy(shop, "yes@example.test", true);
    const call = () =>
      exportRoute(new Request(`http://localhost/dashboard/${shop.artist.slug}/fans/export`), {
        params: Promise.resolve({ artist: shop.artist.slug }),
      });
    viewer = { id: other.owner.id, email: other.owner.email, name: null };
    const refused = await call();
    expect(refused.status).toBe(404);
    expect(await refused.text()).not.toContain("yes@");
    viewer = { id: shop.owner.id, email: shop.owner.email, name: null };
    const response = await call();
    expect(response.headers.get("content-disposition")).toBe(`attachment; filename="${shop.artist.slug}-fans.csv"`);
    const text = await response.text();
    expect(text.replace(/^\uFEFF/, "").split("\r\n")[0]).toBe("Email,Source,Consent at (UTC),Unsubscribed at (UTC)");
    expect(text).toMatch(/\r\nyes@example\.test,checkout,\d{4}-\d\d-\d\d \d\d:\d\d:\d\d,\r\n$/);
  });
});

describe("unsubscribing", () => {
  it("the receipt of a subscribed buyer carries a signed link; others get none", async () => {
    const shop = await makeShop(db);
    const yes = await buy(shop, "yes@example.test", true);
    const no = await buy(shop, "no@example.test", false);
    const receipt = async (orderId: string) =>
      (
        await db
          .select()
          .from(emailQueue)
          .where(eq(emailQueue.dedupeKey, `receipt:${orderId}`))
      )[0].text;
    const fan = await subscriberOf(shop, "yes@example.test");
    expect(await receipt(yes)).toContain(unsubscribeUrl(fan.id));
    expect(await receipt(no)).not.toContain("/unsubscribe/");
  });

  it("a forged or altered token is refused and changes nothing", async () => {
    const shop = await makeShop(db);
    await buy(shop, "yes@example.test", true);
    const fan = await subscriberOf(shop, "yes@example.test");
    const good = unsubscribeToken(fan.id);
    for (const bad of [
      `${fan.id}.AAAA`,
      `${fan.id}`,
      `${fan.id}x.${good.split(".")[1]}`,
      "",
      `${good}x`,
      `other.${good.split(".")[1]}`,
    ]) {
      expect(readUnsubscribeToken(bad)).toBeNull();
      expect(await unsubscribeWithToken(db, bad)).toEqual({ ok: false });
      expect(await lookUpUnsubscribe(db, bad)).toEqual({ ok: false });
    }
    expect((await subscriberOf(shop, "yes@example.test")).unsubscribedAt).toBeNull();
  });

  it("a valid token unsubscribes once; a later checkout with the box ticked re-consents", async () => {
    const shop = await makeShop(db);
    await buy(shop, "yes@example.test", true);
    const fan = await subscriberOf(shop, "yes@example.test");
    const token = unsubscribeToken(fan.id);
    expect(await lookUpUnsubscribe(db, token)).toEqual({
      ok: true,
      email: "yes@example.test",
      band: shop.artist.name,
      unsubscribed: false,
    });
    expect(await unsubscribeWithToken(db, token)).toEqual({
      ok: true,
      band: shop.artist.name,
      email: "yes@example.test",
    });
    const first = (await subscriberOf(shop, "yes@example.test")).unsubscribedAt;
    expect(first).toBeInstanceOf(Date);
    expect(await unsubscribeWithToken(db, token)).toEqual({
      ok: true,
      band: shop.artist.name,
      email: "yes@example.test",
    });
    expect((await subscriberOf(shop, "yes@example.test")).unsubscribedAt).toEqual(first);
    expect(await lookUpUnsubscribe(db, token)).toMatchObject({ unsubscribed: true });
    expect(await countSubscribed(db, shop.artist.id)).toBe(0);

    await buy(shop, "yes@example.test", true);
    expect((await subscriberOf(shop, "yes@example.test")).unsubscribedAt).toBeNull();
  });
});
