import { randomBytes } from "node:crypto";
import { sql } from "drizzle-orm";
import sharp from "sharp";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import type { Db } from "@/db/client";
import { releases, tracks } from "@/db/schema";
import { getPublishedRelease } from "@/lib/catalog/public";
import { setReleasePrices } from "@/lib/catalog/release-prices";
import { deleteRelease, setReleaseStatus, updateRelease } from "@/lib/catalog/releases";
import { addToCart, findCart, setCartCountry, startCheckout } from "@/lib/orders";
import { cacheRequest, PageCache, tagsFor, type Render } from "@/lib/page-cache";
import { listenForChanges } from "@/lib/page-cache/listen";
import { unique, useTestDb } from "@/tests/support/factories";
import { makeShop } from "@/tests/support/orders";

vi.mock("@/lib/auth", () => ({ currentUser: async () => null }));

const db = useTestDb();
const APP_URL = "http://localhost:3000";
const quiet = { warn: () => {}, info: () => {} };

/** A stand-in for Next: a release page shows its title and price, and is a 404 unless published. */
const rendered: string[] = [];
const render: Render = async (path) => {
  rendered.push(path);
  const [artist, release] = path.split("?")[0].slice(1).split("/");
  const html = (text: string, status = 200) => ({
    status,
    headers: { "content-type": "text/html; charset=utf-8" },
    body: Buffer.from(`<!doctype html><p>${text}</p>`),
  });
  if (!release || artist === "embed") return html(path);
  const found = await getPublishedRelease(db, artist, release);
  return found ? html(`${found.release.title} ${found.release.priceAmount}`) : html("Not found", 404);
};

const cache = new PageCache({
  render,
  resolveTags: (route) => tagsFor(db, route, APP_URL),
  maxBytes: 1 << 24,
  log: quiet,
});
/** Every payload the LISTEN connection delivered, in order. */
const notified: string[][] = [];
const invalidate = cache.invalidate.bind(cache);
cache.invalidate = (tags) => {
  notified.push(tags);
  return invalidate(tags);
};
let listener: { close: () => Promise<unknown> };
beforeAll(async () => {
  listener = await listenForChanges(process.env.DATABASE_URL!, cache, quiet);
});
afterAll(() => listener.close());

/** Waits until every NOTIFY committed before now has reached the cache (they arrive in commit order). */
async function settle() {
  const marker = `settle:${randomBytes(4).toString("hex")}`;
  await db.execute(sql`select pg_notify('page_cache', ${marker})`);
  await vi.waitFor(() => expect(notified.flat()).toContain(marker), { timeout: 5000 });
  const at = notified.findIndex((tags) => tags.includes(marker));
  return notified
    .splice(0, at + 1)
    .flat()
    .filter((tag) => tag !== marker);
}

async function fill(...paths: string[]) {
  for (const path of paths) {
    const request = cacheRequest("GET", path, {})!;
    const result = await cache.fill(request);
    expect(result.ok, path).toBe(true);
  }
  await settle();
}

const cached = (path: string) => cache.lookup(cacheRequest("GET", path, {})!.key)?.entry;
const body = (path: string) => cached(path)?.variants.identity.body.toString();

/** Two bands: A with an album (CD, shirt), a second release and a draft; B with its own album. */
async function twoBands(options: { cdStock?: number } = {}) {
  // Pro: A's shop lists its album and a second release.
  const a = await makeShop(db, { cdStock: options.cdStock ?? 10, plan: "pro" });
  const b = await makeShop(db);
  const release = async (status: "draft" | "published", title: string) => {
    const [row] = await db
      .insert(releases)
      .values({ artistId: a.artist.id, slug: unique("rel"), title, status, pricingMode: "fixed", priceAmount: 500 })
      .returning();
    await db.insert(tracks).values({
      releaseId: row.id,
      artistId: a.artist.id,
      position: 1,
      title: "Only song",
      masterKey: `masters/${unique("m")}.flac`,
      status: "ready",
    });
    return row;
  };
  const second = await release("published", "Second");
  const draft = await release("draft", "Secret draft");
  const pages = {
    shopA: `/${a.artist.slug}`,
    albumA: `/${a.artist.slug}/${a.album.slug}`,
    albumAFr: `/fr/${a.artist.slug}/${a.album.slug}`,
    secondA: `/${a.artist.slug}/${second.slug}`,
    draftA: `/${a.artist.slug}/${draft.slug}`,
    albumWidget: `/embed/release/${a.album.id}?lang=en`,
    cdWidget: `/embed/buy/${a.cd.id}?lang=en`,
    shopWidget: `/embed/shop/${a.artist.slug}?lang=en`,
    secondWidget: `/embed/release/${second.id}?lang=en`,
    shopB: `/${b.artist.slug}`,
    albumB: `/${b.artist.slug}/${b.album.slug}`,
  };
  await fill(...Object.values(pages));
  return { a, b, second, draft, pages };
}

type Pages = Awaited<ReturnType<typeof twoBands>>["pages"];
function expectCached(pages: Pages, dropped: (keyof Pages)[]) {
  for (const [name, path] of Object.entries(pages))
    expect(cached(path) === undefined, `${name} ${dropped.includes(name as keyof Pages) ? "dropped" : "kept"}`).toBe(
      dropped.includes(name as keyof Pages),
    );
}

describe("the page cache follows the band's changes", () => {
  it("publishing a draft drops its 404 and the band's shop, nothing else", async () => {
    const { a, draft, pages } = await twoBands();
    expect(cached(pages.draftA)?.status).toBe(404);
    expect(body(pages.draftA)).not.toContain("Secret draft");
    expect(await setReleaseStatus(db, a.owner.id, draft.id, "published")).toMatchObject({ ok: true });
    expect(await settle()).toEqual([`release:${draft.id}`, `shop:${a.artist.id}`, `tracks:${a.artist.id}`].sort());
    expectCached(pages, ["draftA", "shopA", "shopWidget"]);
    await fill(pages.draftA);
    expect(body(pages.draftA)).toContain("Secret draft 500");
  });

  it("a price change drops the release's pages and widgets and the shop, and shows at once", async () => {
    const { a, pages } = await twoBands();
    const result = await setReleasePrices(db, a.owner.id, a.album.id, { pricingMode: "fixed", priceAmount: "9" });
    expect(result).toMatchObject({ ok: true });
    expect(await settle()).toEqual(
      expect.arrayContaining([`release:${a.album.id}`, `shop:${a.artist.id}`, `tracks:${a.artist.id}`]),
    );
    // The CD's buy widget names the album it comes with, so it goes with the album.
    expectCached(pages, ["albumA", "albumAFr", "albumWidget", "cdWidget", "shopA", "shopWidget"]);
    await fill(pages.albumA);
    expect(body(pages.albumA)).toContain("Test Album 900");
  });

  it("a new artwork drops the release's pages, not the band's other releases", async () => {
    const { a, pages } = await twoBands();
    const cover = await sharp({ create: { width: 1400, height: 1400, channels: 3, background: "#225588" } })
      .png()
      .toBuffer();
    const details = { title: "Test Album", slug: a.album.slug, kind: "album" };
    expect(await updateRelease(db, a.owner.id, a.album.id, details, { bytes: cover })).toMatchObject({ ok: true });
    expect(await settle()).toEqual([`release:${a.album.id}`, `shop:${a.artist.id}`, `tracks:${a.artist.id}`].sort());
    expectCached(pages, ["albumA", "albumAFr", "albumWidget", "cdWidget", "shopA", "shopWidget"]);
  });

  it("stock tells only when it reaches zero: the CD's pages and the shop go, the rest stays", async () => {
    const { a, pages } = await twoBands({ cdStock: 2 });
    const buyOneCd = async () => {
      const token = randomBytes(16).toString("base64url");
      expect(await addToCart(db, { token, artist: a.artist, item: { kind: "product", id: a.cd.id } })).toEqual({
        ok: true,
      });
      await setCartCountry(db, (await findCart(db, token, a.artist.id))!, "FR");
      const started = await startCheckout(db, {
        token,
        artist: a.artist,
        email: "fan@example.test",
        subscribe: false,
        locale: "en",
      });
      expect(started).toMatchObject({ ok: true });
    };
    await buyOneCd(); // 2 → 1: rides the 60 s expiry
    expect(await settle()).toEqual([]);
    expectCached(pages, []);
    await buyOneCd(); // 1 → 0: sold out now
    expect(await settle()).toEqual([`product:${a.cd.id}`, `release:${a.album.id}`, `shop:${a.artist.id}`].sort());
    expectCached(pages, ["albumA", "albumAFr", "albumWidget", "cdWidget", "shopA", "shopWidget"]);
  });

  it("a take-down (unpublish, delete) drops that release's pages; they come back as 404s", async () => {
    const { a, second, pages } = await twoBands();
    expect(await setReleaseStatus(db, a.owner.id, a.album.id, "draft")).toMatchObject({ ok: true });
    await settle();
    expectCached(pages, ["albumA", "albumAFr", "albumWidget", "cdWidget", "shopA", "shopWidget"]);
    await fill(pages.albumA);
    expect(cached(pages.albumA)?.status).toBe(404);
    expect(body(pages.albumA)).not.toContain("Test Album");

    expect(await deleteRelease(db, a.owner.id, second.id)).toEqual({ ok: true });
    expect(await settle()).toEqual(expect.arrayContaining([`release:${second.id}`, `shop:${a.artist.id}`]));
    expect(cached(pages.secondA)).toBeUndefined();
    expect(cached(pages.secondWidget)).toBeUndefined();
    expect(cached(pages.albumB)).toBeDefined();
  });

  it("a change that is rolled back drops nothing", async () => {
    const { a, pages } = await twoBands();
    await expect(
      db.transaction(async (tx) => {
        await setReleasePrices(tx as unknown as Db, a.owner.id, a.album.id, { pricingMode: "fixed", priceAmount: "1" });
        throw new Error("changed my mind");
      }),
    ).rejects.toThrow("changed my mind");
    expect(await settle()).toEqual([]);
    expectCached(pages, []);
  });
});

describe("filling", () => {
  it("renders once for 200 concurrent misses", async () => {
    const { a } = await makeShop(db).then((shop) => ({ a: shop }));
    const request = cacheRequest("GET", `/${a.artist.slug}/${a.album.slug}?utm_source=x`, {})!;
    const before = rendered.length;
    const fills = await Promise.all(Array.from({ length: 200 }, () => cache.fill(request)));
    expect(rendered.length - before).toBe(1);
    expect(new Set(fills.map((f) => (f.ok ? f.entry : null))).size).toBe(1);
  });

  it("does not keep a render that began before a change to what it shows", async () => {
    let release!: () => void;
    const slow = new PageCache({
      render: async (path) => {
        await new Promise<void>((resolve) => (release = resolve));
        return { status: 200, headers: { "content-type": "text/html" }, body: Buffer.from(path) };
      },
      resolveTags: async () => ["release:r1"],
      maxBytes: 1 << 20,
      log: quiet,
    });
    const request = cacheRequest("GET", "/band/r1", {})!;
    const filling = slow.fill(request);
    await vi.waitFor(() => expect(release).toBeDefined());
    slow.invalidate(["release:r1"]);
    release();
    expect((await filling).ok).toBe(true);
    expect(slow.lookup(request.key)).toBeUndefined();
  });
});
