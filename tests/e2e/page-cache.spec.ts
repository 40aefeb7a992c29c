import { expect, test, type APIRequestContext, type APIResponse } from "@playwright/test";
import { eq } from "drizzle-orm";
import type { Db } from "@/db/client";
import { artistMembers, artists, releases, tracks } from "@/db/schema";
import { setReleasePrices } from "@/lib/catalog/release-prices";
import { artifacts, seedUser, signInWithPassword, testDb, uniqueId } from "./helpers";

const db = () => testDb() as unknown as Db;

/** A band of its own (so its first request is a miss) with a published €7 album of one track. */
async function makeShop(db: Db) {
  const owner = await seedUser();
  const [artist] = await db
    .insert(artists)
    .values({ slug: `cache-band-${uniqueId()}`, name: "Cache Band" })
    .returning();
  await db.insert(artistMembers).values({ artistId: artist.id, userId: owner.id, role: "owner" });
  const [album] = await db
    .insert(releases)
    .values({
      artistId: artist.id,
      slug: "first-copy",
      title: "First Copy",
      status: "published",
      publishedAt: new Date(),
      pricingMode: "fixed",
      priceAmount: 700,
    })
    .returning();
  await db.insert(tracks).values({
    releaseId: album.id,
    artistId: artist.id,
    position: 1,
    title: "Only Song",
    masterKey: `masters/${uniqueId()}.flac`,
    status: "ready",
  });
  return { owner, artist, album };
}
const bytes = async (response: APIResponse) => Buffer.from(await response.body());

/**
 * The page once it is served from a copy. The set-up's own commits notify the server a moment
 * later; one arriving while the first render runs means that render is served once and not kept
 * (lib/page-cache/cache.ts, changedSince), so the very next request may render again under load.
 */
async function cached(request: APIRequestContext, url: string, headers: Record<string, string> = {}) {
  let response: APIResponse | undefined;
  await expect
    .poll(async () => (response = await request.get(url, { headers })).headers()["x-cache"], { timeout: 5000 })
    .toBe("HIT");
  return response!;
}

test("a release page is rendered once and then served from the cache, the same bytes for everyone", async ({
  request,
}) => {
  const shop = await makeShop(db());
  const url = `/${shop.artist.slug}/${shop.album.slug}`;
  const first = await request.get(`${url}?utm_source=newsletter`);
  expect(first.status()).toBe(200);
  expect(first.headers()["x-cache"]).toBe("MISS");
  const second = await cached(request, url, { Cookie: "cart=someone; NEXT_LOCALE=en" });
  expect(await bytes(second)).toEqual(await bytes(first));
  for (const response of [first, second]) {
    const headers = response.headers();
    expect(headers["set-cookie"]).toBeUndefined();
    expect(headers["cache-control"]).toMatch(/^public, max-age=0, s-maxage=\d+, stale-while-revalidate=\d+$/);
    expect(headers["vary"]).toBe("Cookie, Accept-Language, Accept-Encoding");
    expect(headers["content-security-policy"]).toMatch(/script-src 'self'( 'sha256-[^']+')+;/);
  }
  const etag = second.headers()["etag"];
  expect(etag).toMatch(/^"[\w-]+"$/);
  const again = await request.get(url, { headers: { "If-None-Match": etag } });
  expect(again.status()).toBe(304);
  expect(await again.body()).toHaveLength(0);
  const head = await request.head(url);
  expect(head.headers()["x-cache"]).toBe("HIT");
});

test("a band's new price shows on the cached page within seconds", async ({ request }) => {
  const shop = await makeShop(db());
  const url = `/${shop.artist.slug}/${shop.album.slug}`;
  await cached(request, url);
  const changed = Date.now();
  await setReleasePrices(db(), shop.owner.id, shop.album.id, { pricingMode: "fixed", priceAmount: "13" });
  await expect.poll(async () => (await request.get(url)).text(), { timeout: 5000, intervals: [50] }).toContain("13.00");
  test.info().annotations.push({ type: "price change to page", description: `${Date.now() - changed} ms` });
});

test("a visitor who chose French is sent to the French address of an English page", async ({ request }) => {
  const shop = await makeShop(db());
  const url = `/${shop.artist.slug}/${shop.album.slug}?track=x`;
  const byCookie = await request.get(url, { headers: { Cookie: "NEXT_LOCALE=fr" }, maxRedirects: 0 });
  expect(byCookie.status()).toBe(307);
  expect(byCookie.headers()["location"]).toBe(`/fr${url}`);
  expect(byCookie.headers()["cache-control"]).toBe("private, no-store");
  const byBrowser = await request.get(url, { headers: { "Accept-Language": "fr-CA,fr;q=0.9" }, maxRedirects: 0 });
  expect(byBrowser.status()).toBe(307);
  const chosenEnglish = await request.get(url, {
    headers: { "Accept-Language": "fr", Cookie: "NEXT_LOCALE=en" },
    maxRedirects: 0,
  });
  expect(chosenEnglish.status()).toBe(200);
});

test("the French page is French", async ({ request }) => {
  const shop = await makeShop(db());
  const response = await request.get(`/fr/${shop.artist.slug}`);
  expect(response.status()).toBe(200);
  expect(await response.text()).toContain('<html lang="fr"');
  expect(response.headers()["vary"]).toBe("Accept-Encoding");
});

test("a forged shared-render header from outside is ignored", async ({ page, request }) => {
  const forged = { "x-merch-shared-render": "1", "x-merch-shared-render-secret": "guess" };
  const shop = await makeShop(db());
  const url = `/${shop.artist.slug}`;
  const miss = await request.get(url, { headers: forged });
  expect(miss.headers()["x-cache"]).toBe("MISS");
  const hit = await request.get(url);
  expect(await bytes(hit)).toEqual(await bytes(miss));

  // Past the cache, Next sees neither the marker nor the secret: a signed-in member keeps their
  // session and the page its nonce.
  const member = await seedUser();
  await testDb().insert(artistMembers).values({ artistId: shop.artist.id, userId: member.id, role: "owner" });
  await signInWithPassword(page, member.email, member.password);
  await expect(page).toHaveURL(/\/dashboard/);
  await page.setExtraHTTPHeaders(forged);
  const dashboard = await page.goto(`/dashboard/${shop.artist.slug}`);
  expect(dashboard?.status()).toBe(200);
  await expect(page).toHaveURL(new RegExp(`/dashboard/${shop.artist.slug}$`));
  expect(dashboard?.headers()["content-security-policy"]).toMatch(/'nonce-[^']+' 'strict-dynamic'/);
  expect(dashboard?.headers()["x-cache"]).toBeUndefined();
});

test("a draft stays out of the cache: a member previews it uncached, everyone else gets the 404", async ({
  page,
  request,
}) => {
  const shop = await makeShop(db());
  await testDb()
    .update(releases)
    .set({ status: "draft", title: "Unreleased Secret" })
    .where(eq(releases.id, shop.album.id));
  const url = `/${shop.artist.slug}/${shop.album.slug}`;
  const stranger = await request.get(url);
  expect(stranger.status()).toBe(404);
  expect(await stranger.text()).not.toContain("Unreleased Secret");

  const member = await seedUser();
  await testDb().insert(artistMembers).values({ artistId: shop.artist.id, userId: member.id, role: "member" });
  await signInWithPassword(page, member.email, member.password);
  await expect(page).toHaveURL(/\/dashboard/);
  const preview = await page.goto(url);
  expect(preview?.status()).toBe(200);
  expect(preview?.headers()["cache-control"]).toMatch(/private/);
  expect(preview?.headers()["x-cache"]).toBeUndefined();
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Unreleased Secret");

  const afterwards = await request.get(url);
  expect(afterwards.status()).toBe(404);
  expect(await afterwards.text()).not.toContain("Unreleased Secret");
});

test("a cached release page's own scripts run under its hash policy: the player starts, no violation", async ({
  page,
}) => {
  const violations: string[] = [];
  page.on("console", (message) => {
    if (/Content Security Policy|Refused to execute/i.test(message.text())) violations.push(message.text());
  });
  await page.addInitScript(() => {
    document.addEventListener("securitypolicyviolation", (event) =>
      console.error(`Content Security Policy violation: ${event.violatedDirective} ${event.blockedURI}`),
    );
  });
  await page.request.get("/demo-band/first-light"); // the copy exists before the visit
  const response = await page.goto("/demo-band/first-light");
  expect(response?.headers()["x-cache"]).toMatch(/HIT|STALE/);
  expect(response?.headers()["content-security-policy"]).not.toMatch(/nonce|unsafe-inline'[^;]*script|strict-dynamic/);
  // Hydrated: the player's click handler gives the audio element its stream (whether this
  // machine's demo files decode is another matter: the listen tests play real tones).
  await page.getByRole("button", { name: "Play Van at Dawn" }).first().click();
  await expect
    .poll(() => page.getByTestId("player-audio").evaluate((audio: HTMLAudioElement) => audio.currentSrc))
    .toContain("/api/stream/");
  await page.screenshot({ path: `${artifacts}/page-cache-release.png` });
  expect(violations).toEqual([]);
});
