import { beforeAll, describe, expect, it } from "vitest";
import { GET } from "@/app/api/oembed/route";
import { releases } from "@/db/schema";
import { env } from "@/lib/env";
import { useTestDb } from "@/tests/support/factories";
import { makeShop } from "@/tests/support/orders";

const db = useTestDb();
let shop: Awaited<ReturnType<typeof makeShop>>;
let draftSlug = "";
const app = env().APP_URL;

beforeAll(async () => {
  shop = await makeShop(db);
  draftSlug = `draft-${Date.now()}`;
  await db.insert(releases).values({ artistId: shop.artist.id, slug: draftSlug, title: "Draft", status: "draft" });
});

async function ask(query: Record<string, string>) {
  const response = await GET(new Request(`http://localhost/api/oembed?${new URLSearchParams(query)}`));
  return { status: response.status, body: await response.json(), headers: response.headers };
}

describe("oEmbed for pasted URLs", () => {
  it("turns a release URL into the release player, as rich JSON with an iframe", async () => {
    const url = new URL(`/${shop.artist.slug}/${shop.album.slug}`, app).href;
    const { status, body, headers } = await ask({ url, format: "json" });
    expect(status).toBe(200);
    expect(body).toMatchObject({
      type: "rich",
      version: "1.0",
      provider_name: "Merchtable",
      title: `Test Album — ${shop.artist.name}`,
      author_name: shop.artist.name,
      author_url: new URL(`/${shop.artist.slug}`, app).href,
      width: 700,
      height: 420,
    });
    expect(body.html).toContain(`src="${new URL(`/embed/release/${shop.album.id}`, app).href}"`);
    expect(body.html).toMatch(/^<iframe [^>]*height="420"[^>]*><\/iframe>$/);
    expect(headers.get("access-control-allow-origin")).toBe("*");
  });

  it("a track is the release URL with ?track=, and the shop is the band's page", async () => {
    const track = await ask({
      url: new URL(`/${shop.artist.slug}/${shop.album.slug}?track=${shop.tracks[0].id}`, app).href,
    });
    expect(track.status).toBe(200);
    expect(track.body.html).toContain(`/embed/track/${shop.tracks[0].id}`);
    expect(track.body.title).toContain("Song 1");
    const band = await ask({ url: new URL(`/${shop.artist.slug}`, app).href });
    expect(band.status).toBe(200);
    expect(band.body.html).toContain(`/embed/shop/${shop.artist.slug}`);
    expect(band.body.height).toBe(640);
  });

  it("honours maxwidth and maxheight: a smaller layout that fits, never larger than asked", async () => {
    const url = new URL(`/${shop.artist.slug}/${shop.album.slug}`, app).href;
    const fit = await ask({ url, maxwidth: "400", maxheight: "310" });
    expect(fit.body).toMatchObject({ width: 400, height: 300 });
    expect(fit.body.html).toContain("layout=compact");
    const tiny = await ask({ url, maxwidth: "50", maxheight: "60" });
    expect(tiny.body.width).toBeLessThanOrEqual(50);
    expect(tiny.body.height).toBeLessThanOrEqual(60);
    const huge = await ask({ url, maxwidth: "999999", maxheight: "abc" });
    expect(huge.body).toMatchObject({ width: 700, height: 420 });
  });

  it("carries the page URL's widget options over, validated", async () => {
    const url = new URL(`/${shop.artist.slug}/${shop.album.slug}?theme=dark&accent=<script>`, app).href;
    const { body } = await ask({ url });
    expect(body.html).toContain("theme=dark");
    expect(body.html).not.toContain("script");
  });

  it.each([
    ["a foreign site", "https://evil.example/band/album"],
    ["not a URL", "not a url"],
    ["nothing", ""],
    ["an unknown band", `${app}/no-such-band-anywhere`],
    ["an unknown release", `${app}/SHOP/nope`],
    ["a draft", `${app}/SHOP/DRAFT`],
    ["a dashboard page", `${app}/dashboard/SHOP/embed`],
    ["a track of another release", `${app}/SHOP/ALBUM?track=00000000-0000-0000-0000-000000000000`],
  ])("answers 404 for %s", async (_name, raw) => {
    const url = raw.replace("SHOP", shop.artist.slug).replace("DRAFT", draftSlug).replace("ALBUM", shop.album.slug);
    const { status, body } = await ask({ url });
    expect(status).toBe(404);
    expect(body.error).toEqual(expect.any(String));
  });

  it("answers 501 for any format but JSON", async () => {
    const url = new URL(`/${shop.artist.slug}/${shop.album.slug}`, app).href;
    expect((await ask({ url, format: "xml" })).status).toBe(501);
    expect((await ask({ url, format: "json" })).status).toBe(200);
  });
});
