import { eq } from "drizzle-orm";
import { beforeEach, describe, expect, it, vi } from "vitest";
import { cartItems, carts } from "@/db/schema";
import { hashToken } from "@/lib/auth/tokens";
import { useTestDb } from "@/tests/support/factories";
import { makeShop } from "@/tests/support/orders";

/** The route's cookie jar: what the browser sent, and what the route set. */
const jar = new Map<string, string>();
vi.mock("next/headers", () => ({
  cookies: async () => ({
    get: (name: string) => (jar.has(name) ? { name, value: jar.get(name)! } : undefined),
    set: (name: string, value: string) => void jar.set(name, value),
  }),
  // Plain HTTP, as lib/cli/server.ts would say for a local request: the cart cookie is not Secure.
  headers: async () => new Headers(),
}));
const redirects: string[] = [];
vi.mock("next/navigation", () => ({
  redirect: (to: string) => {
    redirects.push(to);
    throw new Error(`NEXT_REDIRECT ${to}`);
  },
}));

const { GET } = await import("@/app/(shop)/[artist]/cart/add/route");
const db = useTestDb();

beforeEach(() => {
  jar.clear();
  redirects.length = 0;
});

async function follow(artistSlug: string, query: Record<string, string>) {
  const request = new Request(`http://localhost/${artistSlug}/cart/add?${new URLSearchParams(query)}`);
  try {
    return await GET(request, { params: Promise.resolve({ artist: artistSlug }) });
  } catch (error) {
    if ((error as Error).message.startsWith("NEXT_REDIRECT")) return null;
    throw error;
  }
}

async function cartOf(artistId: string) {
  const [cart] = await db
    .select()
    .from(carts)
    .where(eq(carts.tokenHash, hashToken(jar.get("mt_cart")!)));
  expect(cart.artistId).toBe(artistId);
  return { cart, items: await db.select().from(cartItems).where(eq(cartItems.cartId, cart.id)) };
}

describe("a buy link from a widget", () => {
  it("adds the item in the new tab, remembers the embedding site, and lands on the band's cart", async () => {
    const shop = await makeShop(db);
    const response = await follow(shop.artist.slug, {
      kind: "release",
      id: shop.album.id,
      host: "WWW.Band-Site.example:8080",
    });
    expect(response).toBeNull();
    expect(redirects).toEqual([`/${shop.artist.slug}/cart`]);
    const { cart, items } = await cartOf(shop.artist.id);
    expect(cart).toMatchObject({ source: "embed", sourceHost: "band-site.example" });
    expect(items).toMatchObject([{ kind: "release", releaseId: shop.album.id, quantity: 1 }]);
  });

  it("takes the size picked in the widget for items with options", async () => {
    const shop = await makeShop(db);
    await follow(shop.artist.slug, { kind: "product", id: shop.shirt.id, option: shop.sizes[1].id, host: "127.0.0.1" });
    const { cart, items } = await cartOf(shop.artist.id);
    expect(cart.sourceHost).toBe("127.0.0.1");
    expect(items).toMatchObject([{ kind: "product", productId: shop.shirt.id, optionId: shop.sizes[1].id }]);
  });

  it("keeps no host it cannot trust, but still counts the sale as from a widget", async () => {
    const shop = await makeShop(db);
    await follow(shop.artist.slug, { kind: "release", id: shop.album.id, host: "<script>alert(1)</script>" });
    const { cart } = await cartOf(shop.artist.id);
    expect(cart).toMatchObject({ source: "embed", sourceHost: null });
  });

  it("refuses another band's item with a clear 404 page and sets no cookie", async () => {
    const ours = await makeShop(db);
    const theirs = await makeShop(db);
    const response = (await follow(ours.artist.slug, { kind: "release", id: theirs.album.id, host: "example.com" }))!;
    expect(response.status).toBe(404);
    const html = await response.text();
    expect(html).toContain("This item does not exist in this shop");
    expect(html).toContain(`href="/${ours.artist.slug}"`);
    expect(jar.size).toBe(0);
    expect(await db.select().from(carts).where(eq(carts.artistId, ours.artist.id))).toHaveLength(0);
  });

  it("explains a missing size, a sold-out item and a bad link instead of failing", async () => {
    const shop = await makeShop(db, { cdStock: 0 });
    const noSize = (await follow(shop.artist.slug, { kind: "product", id: shop.shirt.id, lang: "fr" }))!;
    expect(noSize.status).toBe(409);
    expect(await noSize.text()).toContain("Choisissez une taille");
    const soldOut = (await follow(shop.artist.slug, { kind: "product", id: shop.cd.id }))!;
    expect(await soldOut.text()).toContain("sold out");
    expect((await follow(shop.artist.slug, { kind: "poster", id: "x" }))!.status).toBe(404);
    expect((await follow("no-such-band-at-all", { kind: "release", id: shop.album.id }))!.status).toBe(404);
  });
});
