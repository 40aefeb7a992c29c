import { randomBytes } from "node:crypto";
import { eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { artists, downloadCodes, orders, releases, tracks, type Artist } from "@/db/schema";
import { getPublishedRelease, listPublishedReleases } from "@/lib/catalog/public";
import { setReleaseStatus } from "@/lib/catalog/releases";
import { createCodeBatch, listBatchCodes } from "@/lib/codes";
import { unseal } from "@/lib/crypto";
import { findGrantByToken } from "@/lib/downloads/contents";
import { oembed, renderWidget } from "@/lib/embed";
import { loadBuyWidget, loadReleaseWidget, loadShopWidget, loadTrackWidget } from "@/lib/embed/data";
import { env } from "@/lib/env";
import { listLibrary } from "@/lib/library";
import { suspendArtist, takeDownRelease } from "@/lib/moderation";
import { addToCart, DOWNLOAD_TOKEN_PURPOSE, fulfillOrder, redeemCode, startCheckout } from "@/lib/orders";
import { sitemapEntries } from "@/lib/seo";
import { publishedStreamCache, resolveStream } from "@/lib/stream/stream-access";
import { unique, useTestDb } from "@/tests/support/factories";
import { makeShop } from "@/tests/support/orders";

const db = useTestDb();
const token = () => randomBytes(16).toString("base64url");
const operator = { kind: "operator" as const, userId: null, email: "ops@example.test" };
const ip = () => unique("10.9.0");

type Shop = Awaited<ReturnType<typeof makeShop>>;

/** A fan who bought the album and a fan who redeemed a code, both before the operator acts. */
async function shopWithFans(options: Parameters<typeof makeShop>[1] = {}) {
  const shop = await makeShop(db, options);
  // A streamable first track (the file is never read: access is decided before any byte).
  await db
    .update(tracks)
    .set({ streamKey: `streams/${unique("s")}.mp3`, streamSize: 160_000 })
    .where(eq(tracks.id, shop.tracks[0].id));
  expect(await resolveStream(db, shop.tracks[0].id, async () => null)).toMatchObject({ allowed: true });
  const buyer = `${unique("buyer")}@example.test`;
  const cart = token();
  expect(
    await addToCart(db, { token: cart, artist: shop.artist, item: { kind: "release", id: shop.album.id } }),
  ).toEqual({ ok: true });
  const paid = await startCheckout(db, {
    token: cart,
    artist: shop.artist,
    email: buyer,
    subscribe: false,
    locale: "en",
  });
  if (!paid.ok) throw new Error(paid.error);
  await fulfillOrder(db, paid.orderId, { paymentId: `pi_${paid.orderId}` });
  const [order] = await db.select().from(orders).where(eq(orders.id, paid.orderId));
  const downloadToken = unseal(DOWNLOAD_TOKEN_PURPOSE, order.downloadTokenSealed!)!;

  const batch = await createCodeBatch(db, {
    artistId: shop.artist.id,
    releaseId: shop.album.id,
    count: 2,
    createdBy: shop.owner.id,
  });
  if (!batch.ok) throw new Error(batch.error);
  const [used, unused] = await listBatchCodes(db, batch.batch.id);
  const redeemer = `${unique("redeemer")}@example.test`;
  const redeemed = await redeemCode(db, { code: used.code, email: redeemer, subscribe: false, locale: "en", ip: ip() });
  expect(redeemed.ok).toBe(true);

  // A cart filled before the operator acts, to be paid after.
  const prefilled = token();
  expect(
    await addToCart(db, { token: prefilled, artist: shop.artist, item: { kind: "release", id: shop.album.id } }),
  ).toEqual({ ok: true });
  return { shop, buyer, downloadToken, redeemer, unusedCode: unused.code, prefilled };
}

const fresh = async (artistId: string) =>
  (await db.select().from(artists).where(eq(artists.id, artistId)))[0] as Artist;

async function sitemapPaths(slug: string) {
  const paths: string[] = [];
  for await (const entry of sitemapEntries(db, { from: { artist: slug, release: "" } }, 50)) {
    if (!entry.path.startsWith(`/${slug}`)) break;
    paths.push(entry.path);
  }
  return paths;
}

async function expectFansKeepWhatTheyBought(fans: Awaited<ReturnType<typeof shopWithFans>>) {
  expect(await findGrantByToken(db, fans.downloadToken)).toMatchObject({ found: true });
  for (const email of [fans.buyer, fans.redeemer]) {
    const library = await listLibrary(db, email);
    expect(library.map((entry) => entry.items.map((item) => item.title)).flat()).toContain("Test Album");
  }
}

async function expectCannotPay(shop: Shop, artist: Artist, cart: string) {
  const ordersBefore = await db.select({ id: orders.id }).from(orders).where(eq(orders.artistId, shop.artist.id));
  const result = await startCheckout(db, {
    token: cart,
    artist,
    email: "late@example.test",
    subscribe: false,
    locale: "en",
  });
  expect(result).toEqual({ ok: false, error: "not_ready" });
  const ordersAfter = await db.select({ id: orders.id }).from(orders).where(eq(orders.artistId, shop.artist.id));
  expect(ordersAfter).toHaveLength(ordersBefore.length);
}

describe("a suspended band sells nothing, and its fans keep their music", () => {
  it("closes every page, widget, cart, code and stream, while downloads and the library still work", async () => {
    publishedStreamCache.configure({ ttlMs: 0 });
    const fans = await shopWithFans();
    const { shop } = fans;
    expect(await sitemapPaths(shop.artist.slug)).toHaveLength(2);
    expect(await suspendArtist(db, shop.artist.id, { actor: operator, reason: "Stolen music" })).toEqual({ ok: true });
    const artist = await fresh(shop.artist.id);

    // Pages and widgets: the same nothing as for an unknown address.
    expect(await getPublishedRelease(db, artist.slug, shop.album.slug)).toBeNull();
    expect(await loadShopWidget(db, artist.slug)).toBeNull();
    expect(await loadReleaseWidget(db, shop.album.id)).toBeNull();
    expect(await loadTrackWidget(db, shop.tracks[0].id)).toBeNull();
    for (const id of [shop.album.id, shop.tracks[0].id, shop.cd.id, shop.shirt.id])
      expect(await loadBuyWidget(db, id)).toBeNull();
    const widget = await renderWidget(
      db,
      new Request(`${env().APP_URL}/embed/release/${shop.album.id}`),
      "release",
      shop.album.id,
    );
    expect(widget.status).toBe(404);
    expect(await widget.text()).not.toContain(artist.name);
    const asked = await oembed(
      db,
      env().APP_URL,
      new URLSearchParams({ url: `${env().APP_URL}/${artist.slug}/${shop.album.slug}` }),
    );
    expect(asked).toMatchObject({ ok: false, status: 404 });
    expect(await sitemapPaths(artist.slug)).toEqual([]);

    // Sales: add to cart, a cart filled before, the buy widget's items, codes, free downloads.
    for (const item of [
      { kind: "release" as const, id: shop.album.id },
      { kind: "track" as const, id: shop.tracks[0].id },
      { kind: "product" as const, id: shop.cd.id },
    ])
      expect(await addToCart(db, { token: token(), artist, item })).toEqual({ ok: false, error: "not_found" });
    await expectCannotPay(shop, artist, fans.prefilled);
    expect(
      await redeemCode(db, {
        code: fans.unusedCode,
        email: "c@example.test",
        subscribe: false,
        locale: "en",
        ip: ip(),
      }),
    ).toEqual({ ok: false, reason: "unavailable" });
    const [code] = await db.select().from(downloadCodes).where(eq(downloadCodes.code, fans.unusedCode));
    expect(code.redeemedAt).toBeNull();

    // No plays for the public.
    expect(await resolveStream(db, shop.tracks[0].id, async () => null)).toEqual({ allowed: false, reason: "draft" });

    await expectFansKeepWhatTheyBought(fans);
  });

  it("gives away nothing free either (the free-download form)", async () => {
    const shop = await makeShop(db, { albumMode: "free" });
    const cart = token();
    expect(
      await addToCart(db, { token: cart, artist: shop.artist, item: { kind: "release", id: shop.album.id } }),
    ).toEqual({ ok: true });
    await suspendArtist(db, shop.artist.id, { actor: operator, reason: "Fraud" });
    const artist = await fresh(shop.artist.id);
    expect(
      await startCheckout(db, {
        token: cart,
        artist,
        email: "free@example.test",
        subscribe: false,
        locale: "en",
        requireFree: true,
      }),
    ).toEqual({ ok: false, error: "not_ready" });
  });
});

describe("a taken-down release", () => {
  it("leaves the shop, its widgets, carts, codes and streams, while its buyers keep it", async () => {
    publishedStreamCache.configure({ ttlMs: 0 });
    const fans = await shopWithFans();
    const { shop } = fans;
    expect(await takeDownRelease(db, shop.album.id, { actor: operator, reason: "Copyright claim" })).toEqual({
      ok: true,
    });
    const artist = await fresh(shop.artist.id);

    expect(await getPublishedRelease(db, artist.slug, shop.album.slug)).toBeNull();
    expect(await listPublishedReleases(db, artist.id)).toEqual([]);
    expect(await loadReleaseWidget(db, shop.album.id)).toBeNull();
    expect(await loadTrackWidget(db, shop.tracks[0].id)).toBeNull();
    expect(await loadBuyWidget(db, shop.album.id)).toBeNull();
    const shopWidget = await loadShopWidget(db, artist.slug);
    expect(shopWidget?.offers.map((o) => o.id)).not.toContain(shop.album.id);
    expect(shopWidget?.offers.map((o) => o.id)).not.toContain(shop.tracks[0].id);
    expect(
      await oembed(
        db,
        env().APP_URL,
        new URLSearchParams({ url: `${env().APP_URL}/${artist.slug}/${shop.album.slug}` }),
      ),
    ).toMatchObject({ ok: false, status: 404 });
    expect(await sitemapPaths(artist.slug)).toEqual([`/${artist.slug}`]);

    for (const item of [
      { kind: "release" as const, id: shop.album.id },
      { kind: "track" as const, id: shop.tracks[0].id },
    ])
      expect(await addToCart(db, { token: token(), artist, item })).toEqual({ ok: false, error: "not_found" });
    // The rest of the shop still sells.
    expect(
      await addToCart(db, {
        token: token(),
        artist,
        item: { kind: "product", id: shop.shirt.id, optionId: shop.sizes[1].id },
      }),
    ).toEqual({ ok: true });
    await expectCannotPay(shop, artist, fans.prefilled);
    expect(
      await redeemCode(db, {
        code: fans.unusedCode,
        email: "c@example.test",
        subscribe: false,
        locale: "en",
        ip: ip(),
      }),
    ).toEqual({ ok: false, reason: "unavailable" });
    expect(await resolveStream(db, shop.tracks[0].id, async () => null)).toEqual({ allowed: false, reason: "draft" });
    // The band's members still hear it in their dashboard.
    expect(await resolveStream(db, shop.tracks[0].id, async () => ({ id: shop.owner.id }))).toMatchObject({
      allowed: true,
      target: { audience: "members" },
    });

    await expectFansKeepWhatTheyBought(fans);
    const [row] = await db.select().from(releases).where(eq(releases.id, shop.album.id));
    expect(row.takedownReason).toBe("Copyright claim");
  });
});

describe("a band whose release was taken down", () => {
  it("cannot publish it again, even after taking it back to draft", async () => {
    const shop = await makeShop(db);
    await takeDownRelease(db, shop.album.id, { actor: operator, reason: "Copyright claim" });
    expect(await setReleaseStatus(db, shop.owner.id, shop.album.id, "draft")).toMatchObject({ ok: true });
    expect(await setReleaseStatus(db, shop.owner.id, shop.album.id, "published")).toEqual({
      ok: false,
      error: "taken_down",
    });
    const [row] = await db.select().from(releases).where(eq(releases.id, shop.album.id));
    expect(row.status).toBe("draft");
  });
});
