import { eq } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { GET as buyWidget } from "@/app/embed/buy/[id]/route";
import { GET as playerScript } from "@/app/embed/player.js/route";
import { GET as releaseWidget } from "@/app/embed/release/[id]/route";
import { GET as shopWidget } from "@/app/embed/shop/[artist]/route";
import { GET as trackWidget } from "@/app/embed/track/[id]/route";
import { releases } from "@/db/schema";
import { embedHeight, parseEmbedOptions, parseHexColor, PLAYER_SCRIPT_PATH } from "@/lib/embed";
import { normalizeEmbedHost } from "@/lib/embed/host";
import { contentSecurityPolicy, isEmbedPath } from "@/lib/http/security";
import { useTestDb } from "@/tests/support/factories";
import { makeShop } from "@/tests/support/orders";

const db = useTestDb();
let shop: Awaited<ReturnType<typeof makeShop>>;
let draftId = "";

beforeAll(async () => {
  shop = await makeShop(db);
  const [draft] = await db
    .insert(releases)
    .values({ artistId: shop.artist.id, slug: `draft-${Date.now()}`, title: "Secret Draft", status: "draft" })
    .returning();
  draftId = draft.id;
});

function call<P>(
  handler: (request: Request, context: { params: Promise<P> }) => Promise<Response>,
  path: string,
  params: P,
  headers: Record<string, string> = {},
) {
  return handler(new Request(`http://localhost${path}`, { headers }), { params: Promise.resolve(params) });
}

describe("widget options from a stranger's query string", () => {
  it("keeps valid values and turns anything else into the defaults", () => {
    const good = parseEmbedOptions(
      new URLSearchParams("theme=dark&bg=fff&accent=%23A1B2C3&layout=slim&artwork=none&tracklist=0&lang=fr"),
      null,
    );
    expect(good).toEqual({
      theme: "dark",
      bg: "#ffffff",
      accent: "#a1b2c3",
      layout: "slim",
      artwork: "none",
      tracklist: false,
      lang: "fr",
    });
    const bad = parseEmbedOptions(
      new URLSearchParams("theme=neon&bg=red&accent=12345&layout=huge&artwork=9999&tracklist=yes&lang=it"),
      "fr-FR,fr;q=0.9",
    );
    expect(bad).toEqual({
      theme: "auto",
      bg: null,
      accent: null,
      layout: "large",
      artwork: "large",
      tracklist: true,
      lang: "fr",
    });
  });

  it.each(["#ggg", "ff00ff00", "#12", "</style><script>", "rgb(0,0,0)", "#fff;background:url(x)", ""])(
    "refuses %j as a colour",
    (value) => {
      expect(parseHexColor(value)).toBeNull();
    },
  );

  it("publishes a fixed height per widget and layout, whatever size is asked for", () => {
    expect(embedHeight("release", { layout: "slim", tracklist: true })).toBe(120);
    expect(embedHeight("release", { layout: "large", tracklist: true })).toBe(420);
    expect(embedHeight("release", { layout: "large", tracklist: false })).toBe(186);
    const huge = parseEmbedOptions(new URLSearchParams("layout=99999&height=99999&width=-5"), null);
    expect(embedHeight("shop", huge)).toBe(640);
  });

  it("gives a release player with three tracks the height of its three rows, not the longest list's", () => {
    // 2 (border) + 184 (artwork and text) + 1 (the list's line) + 3 × 35 (rows): what Chromium lays out (tests/e2e/band-journey.spec.ts).
    expect(embedHeight("release", { layout: "large", tracklist: true, artwork: "large" }, 3)).toBe(292);
    expect(embedHeight("release", { layout: "large", tracklist: true, artwork: "none" }, 3)).toBe(268);
    expect(embedHeight("release", { layout: "compact", tracklist: true }, 3)).toBe(268);
    expect(embedHeight("release", { layout: "large", tracklist: true }, 40)).toBe(420);
    expect(embedHeight("release", { layout: "large", tracklist: false, artwork: "small" }, 3)).toBe(162);
    expect(embedHeight("track", { layout: "compact", tracklist: true }, 3)).toBe(162);
  });

  it("reduces the embedding site to a bare host name, or nothing", () => {
    expect(normalizeEmbedHost("https://WWW.Example.com:8443/page?x=1")).toBe("example.com");
    expect(normalizeEmbedHost("127.0.0.1")).toBe("127.0.0.1");
    expect(normalizeEmbedHost("band.example.org.")).toBe("band.example.org");
    expect(normalizeEmbedHost("<script>alert(1)</script>")).toBeNull();
    expect(normalizeEmbedHost("a".repeat(300) + ".com")).toBeNull();
    expect(normalizeEmbedHost("exa mple.com")).toBeNull();
    expect(normalizeEmbedHost("")).toBeNull();
  });
});

describe("a release widget", () => {
  it("is a complete page with the player, buy link, inline CSS and one script carrying the proxy's nonce", async () => {
    const response = await call(
      releaseWidget,
      `/embed/release/${shop.album.id}?layout=compact&accent=0a0`,
      { id: shop.album.id },
      { "x-nonce": "bm9uY2Utb2YtdGhlLXByb3h5LTEyMw==" },
    );
    expect(response.status).toBe(200);
    const html = await response.text();
    expect(html).toMatch(/^<!doctype html><html lang="en">/);
    expect(html).toContain("Test Album");
    expect(html).toContain('<audio preload="none"');
    expect(html).toContain(`/${shop.artist.slug}/cart/add?kind=release&amp;id=${shop.album.id}`);
    expect(html).toContain('target="_blank" rel="noopener"');
    expect(html).toContain("--ac:#00aa00");
    expect(html).toContain(
      `<script src="${PLAYER_SCRIPT_PATH}" nonce="bm9uY2Utb2YtdGhlLXByb3h5LTEyMw==" defer></script>`,
    );
    expect(html.match(/<script/g)).toHaveLength(2); // the page's data (JSON, not run) and the player
    expect(html).not.toMatch(/https?:\/\/(?!localhost)/); // no third-party request of any kind
    expect(response.headers.get("content-security-policy")).toBe(
      contentSecurityPolicy("bm9uY2Utb2YtdGhlLXByb3h5LTEyMw==", { embed: true, dev: false }),
    );
    expect(response.headers.get("set-cookie")).toBeNull();
  });

  it("writes script in the query string back as harmless text, never as markup", async () => {
    const evil = encodeURIComponent('"><script>alert(1)</script>');
    const response = await call(
      releaseWidget,
      `/embed/release/${shop.album.id}?theme=${evil}&bg=${evil}&accent=${evil}&layout=${evil}&lang=${evil}`,
      { id: shop.album.id },
    );
    const html = await response.text();
    expect(response.status).toBe(200);
    expect(html).not.toContain("alert(1)");
    expect(html).toContain('<html lang="en">');
  });

  it("escapes the band's own text", async () => {
    const [evil] = await db
      .update(releases)
      .set({ title: `<img src=x onerror=alert(1)> & "Co"` })
      .where(eq(releases.id, shop.album.id))
      .returning();
    const html = await (await call(releaseWidget, `/embed/release/${evil.id}`, { id: evil.id })).text();
    expect(html).not.toContain("<img src=x");
    expect(html).toContain("&lt;img src=x onerror=alert(1)&gt; &amp; &quot;Co&quot;");
    await db.update(releases).set({ title: "Test Album" }).where(eq(releases.id, shop.album.id));
  });

  it("speaks French when asked, or when the visitor's browser prefers it", async () => {
    expect(
      await (await call(releaseWidget, `/embed/release/${shop.album.id}?lang=fr`, { id: shop.album.id })).text(),
    ).toContain("Acheter");
    const byBrowser = await call(
      releaseWidget,
      `/embed/release/${shop.album.id}`,
      { id: shop.album.id },
      { "accept-language": "fr-FR,fr;q=0.9" },
    );
    expect(await byBrowser.text()).toContain('<html lang="fr">');
    expect(byBrowser.headers.get("vary")).toContain("Accept-Language");
  });

  it("speaks German or Spanish when asked (?lang=), or when an Austrian or Mexican browser prefers it", async () => {
    const german = await (
      await call(releaseWidget, `/embed/release/${shop.album.id}?lang=de`, { id: shop.album.id })
    ).text();
    expect(german).toContain('<html lang="de">');
    expect(german).toContain("Kaufen");
    // The buy link carries the language to the cart (cart/add sends the fan to /de/<band>/cart).
    expect(german).toMatch(new RegExp(`href="/${shop.artist.slug}/cart/add\\?[^"]*lang=de"`));
    const byBrowser = await call(
      releaseWidget,
      `/embed/release/${shop.album.id}`,
      { id: shop.album.id },
      { "accept-language": "es-MX,es;q=0.9" },
    );
    const spanish = await byBrowser.text();
    expect(spanish).toContain('<html lang="es">');
    expect(spanish).toContain("Comprar");
    expect(
      await (
        await call(
          releaseWidget,
          `/embed/release/${shop.album.id}`,
          { id: shop.album.id },
          { "accept-language": "de-AT" },
        )
      ).text(),
    ).toContain('<html lang="de">');
  });

  it.each([
    ["an unknown id", "00000000-0000-0000-0000-000000000000"],
    ["a draft", "draft"],
    ["garbage", "../../etc/passwd"],
  ])("shows a polite 'not available' box for %s", async (_name, raw) => {
    const id = raw === "draft" ? draftId : raw;
    const response = await call(releaseWidget, `/embed/release/x`, { id });
    expect(response.status).toBe(404);
    const html = await response.text();
    expect(html).toContain('data-testid="embed-unavailable"');
    expect(html).toContain("This is not available.");
    expect(html).not.toContain("Secret Draft");
  });
});

describe("track, buy and shop widgets", () => {
  it("a track widget plays one track and sells it on its own when the band sells it singly", async () => {
    const [sold] = shop.tracks;
    const html = await (await call(trackWidget, `/embed/track/${sold.id}`, { id: sold.id })).text();
    expect(html).toContain("Song 1");
    expect(html).toContain(`kind=track&amp;id=${sold.id}`);
    expect(html).toContain("€1.00");
  });

  it("a buy widget finds a release, a track or a product by id; products with sizes get a picker", async () => {
    expect(await (await call(buyWidget, "/embed/buy/x", { id: shop.album.id })).text()).toContain("€7.00");
    const shirt = await (await call(buyWidget, "/embed/buy/x", { id: shop.shirt.id })).text();
    expect(shirt).toContain('<select name="option"');
    expect(shirt).toContain(`<option value="${shop.sizes[0].id}">M</option>`);
    expect((await call(buyWidget, "/embed/buy/x", { id: draftId })).status).toBe(404);
  });

  it("the shop widget lists every item with its price, as a table in the compact layout", async () => {
    const html = await (
      await call(shopWidget, `/embed/shop/${shop.artist.slug}?layout=compact`, { artist: shop.artist.slug })
    ).text();
    expect(html).toContain('data-testid="embed-shop-table"');
    for (const text of ["Test Album", "Song 1", "Test Album CD", "Shirt", "€7.00", "€12.00", "€20.00"])
      expect(html).toContain(text);
    expect((await call(shopWidget, "/embed/shop/nobody", { artist: "no-such-band-here" })).status).toBe(404);
  });

  it("serves the player script for a year (its URL changes with its content)", async () => {
    const response = playerScript();
    expect(response.headers.get("cache-control")).toBe("public, max-age=31536000, immutable");
    expect(response.headers.get("content-type")).toContain("javascript");
    expect(PLAYER_SCRIPT_PATH).toMatch(/^\/embed\/player\.js\?v=[0-9a-f]{12}$/);
  });
});

describe("header matrix: only /embed/* may be framed", () => {
  it.each([
    ["/embed/release/abc", true],
    ["/embed/shop/demo-band", true],
    ["/embed", true],
    ["/embedded", false],
    ["/demo-band", false],
    ["/demo-band/first-light", false],
    ["/demo-band/cart/add", false],
    ["/dashboard/demo-band/embed", false],
    ["/api/oembed", false],
  ])("%s → framable: %s", (path, framable) => {
    expect(isEmbedPath(path)).toBe(framable);
    const csp = contentSecurityPolicy("n", { embed: isEmbedPath(path), dev: false });
    expect(csp).toContain(framable ? "frame-ancestors *" : "frame-ancestors 'none'");
  });

  it("widget responses carry one policy with frame-ancestors * and no X-Frame-Options, cacheable and cookie-free", async () => {
    const response = await call(shopWidget, `/embed/shop/${shop.artist.slug}`, { artist: shop.artist.slug });
    expect(response.headers.get("content-security-policy")).toContain("frame-ancestors *");
    expect(response.headers.get("x-frame-options")).toBeNull();
    expect(response.headers.get("cache-control")).toMatch(/^public, max-age=\d+/);
    expect(response.headers.get("set-cookie")).toBeNull();
  });
});
