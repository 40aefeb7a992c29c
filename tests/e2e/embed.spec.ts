import { spawnSync } from "node:child_process";
import { mkdtempSync, readFileSync, statSync } from "node:fs";
import { createServer, type Server } from "node:http";
import { tmpdir } from "node:os";
import path from "node:path";
import { expect, test } from "@playwright/test";
import { eq, sql } from "drizzle-orm";
import sharp from "sharp";
import { artists, orders, plays, products, releases, tracks, type MasterInfo } from "@/db/schema";
import { audioKeys } from "@/lib/audio/formats";
import { processImage } from "@/lib/images";
import { localDriver } from "@/lib/storage/local";
import { baseURL } from "@/playwright.config";
import { artifacts, testDb, uniqueId } from "./helpers";

const storageDir = process.env.STORAGE_DIR ?? ".data/storage";
const flac: MasterInfo = {
  container: "flac",
  lossless: true,
  sampleRate: 44100,
  bitsPerSample: 16,
  channels: 2,
  bitrate: null,
};

function tone(seconds: number, frequency: number) {
  const file = path.join(mkdtempSync(path.join(tmpdir(), "merchtable-embed-")), `${frequency}.mp3`);
  const result = spawnSync(
    process.env.FFMPEG_PATH ?? "ffmpeg",
    [
      "-v",
      "error",
      "-y",
      "-f",
      "lavfi",
      "-i",
      `sine=frequency=${frequency}:duration=${seconds}`,
      "-ar",
      "44100",
      "-ac",
      "2",
      "-c:a",
      "libmp3lame",
      "-b:a",
      "128k",
      file,
    ],
    { encoding: "utf8" },
  );
  if (result.status !== 0) throw new Error(`ffmpeg could not make a test tone: ${result.stderr}`);
  return file;
}

/** A band selling a two-track single at €5, plus a CD and a poster, built straight in the database. */
async function bandWithSingle() {
  const db = testDb();
  const id = uniqueId();
  const [artist] = await db
    .insert(artists)
    .values({ slug: `porch-lights-${id}`, name: `Porch Lights ${id}`, accentColor: "#3b5bdb", country: "FR" })
    .returning();
  const [release] = await db
    .insert(releases)
    .values({
      artistId: artist.id,
      slug: "summer-static",
      title: "Summer Static",
      kind: "single",
      status: "published",
      publishedAt: new Date(),
      pricingMode: "fixed",
      priceAmount: 500,
      currency: "EUR",
    })
    .returning();
  const store = localDriver(storageDir);
  const art = await processImage(
    await sharp({ create: { width: 1400, height: 1400, channels: 3, background: "#3b5bdb" } })
      .png()
      .toBuffer(),
    "cover",
  );
  if (!art.ok) throw new Error(`test artwork refused: ${art.reason}`);
  const artworkKey = `artists/${artist.id}/releases/${release.id}/cover-${id}`;
  for (const variant of art.variants) await store.put(`${artworkKey}-${variant.suffix}.webp`, variant.data);
  await db.update(releases).set({ artworkKey }).where(eq(releases.id, release.id));
  const rows = [];
  for (const [i, spec] of [
    { title: "Static", seconds: 4, frequency: 392 },
    { title: "Porch Song", seconds: 8, frequency: 523 },
  ].entries()) {
    const trackId = crypto.randomUUID();
    const streamKey = audioKeys.stream(artist.id, trackId);
    const file = tone(spec.seconds, spec.frequency);
    await store.putFromPath(streamKey, file, "audio/mpeg");
    const [row] = await db
      .insert(tracks)
      .values({
        id: trackId,
        releaseId: release.id,
        artistId: artist.id,
        position: i + 1,
        title: spec.title,
        durationMs: spec.seconds * 1000,
        masterKey: audioKeys.master(artist.id, trackId, "flac"),
        master: flac,
        streamKey,
        streamSize: statSync(file).size,
        status: "ready",
        streaming: "full",
      })
      .returning();
    rows.push(row);
  }
  await db.insert(products).values([
    {
      artistId: artist.id,
      releaseId: release.id,
      kind: "cd",
      title: "Summer Static (CD single)",
      priceAmount: 800,
      currency: "EUR",
      stock: 20,
      published: true,
      position: 0,
    },
    {
      artistId: artist.id,
      kind: "other",
      title: "Tour poster, A2, signed by the whole band",
      priceAmount: 1250,
      currency: "EUR",
      published: true,
      position: 1,
    },
  ]);
  return { artist, release, tracks: rows };
}

/** The band's own website: another origin (127.0.0.1, another port) serving plain HTML. */
async function bandWebsite(pages: Record<string, string>): Promise<{ url: string; server: Server }> {
  const server = createServer((request, response) => {
    const body = pages[request.url ?? "/"];
    if (body === undefined) return void response.writeHead(404).end();
    response
      .writeHead(200, { "Content-Type": request.url?.endsWith(".js") ? "text/javascript" : "text/html; charset=utf-8" })
      .end(body);
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as { port: number };
  return { url: `http://127.0.0.1:${port}`, server };
}

const page = (body: string) =>
  `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Porch Lights — official site</title></head><body style="font-family:Georgia,serif;max-width:760px;margin:24px auto;background:#fdfbf7">${body}</body></html>`;

test("a fan on the band's own site plays the single and buys it in a new tab; sale and play are credited to that site, and no cookie is stored while browsing the widgets", async ({
  page: browser,
  context,
}) => {
  const band = await bandWithSingle();
  const site = await bandWebsite({
    "/": page(`<h1>Porch Lights</h1><p>New single out now.</p>
      <iframe src="${baseURL}/embed/release/${band.release.id}" title="Summer Static player" height="420" style="display:block;width:100%;height:420px;border:0" data-merchtable data-testid="release-frame"></iframe>
      <h2>Shop</h2>
      <iframe src="${baseURL}/embed/shop/${band.artist.slug}?layout=compact" title="Shop" height="480" style="display:block;width:100%;height:480px;border:0" data-merchtable data-testid="shop-frame"></iframe>
      <script src="${baseURL}/embed.js" async></script>`),
  });
  try {
    await browser.goto(site.url);
    const player = browser.frameLocator('[data-testid="release-frame"]');
    await expect(player.getByRole("heading", { name: "Summer Static" })).toBeVisible();

    // The loader fits the frame to the two-track list (smaller than the published 420 px).
    const frame = browser.getByTestId("release-frame");
    await expect.poll(async () => (await frame.boundingBox())!.height).toBeLessThan(400);
    const fitted = (await frame.boundingBox())!.height;
    const content = await player.locator("#w").evaluate((el) => el.scrollHeight);
    expect(Math.abs(fitted - content)).toBeLessThanOrEqual(2);

    // Nothing of the audio is fetched before play.
    const audio = player.getByTestId("embed-audio");
    expect(await audio.evaluate((a: HTMLAudioElement) => ({ preload: a.preload, src: a.currentSrc }))).toEqual({
      preload: "none",
      src: "",
    });

    await player.getByRole("button", { name: "Play Static" }).first().click();
    await expect
      .poll(() => audio.evaluate((a: HTMLAudioElement) => a.currentTime), { timeout: 15_000 })
      .toBeGreaterThan(0.8);
    expect(await audio.evaluate((a: HTMLAudioElement) => a.currentSrc)).toContain(`/api/stream/${band.tracks[0].id}`);
    // The first track ends, the second starts, and the first listen is reported from the band's site.
    await expect
      .poll(() => audio.evaluate((a: HTMLAudioElement) => a.currentSrc), { timeout: 15_000 })
      .toContain(band.tracks[1].id);
    await expect(player.getByTestId("embed-now")).toHaveText("Porch Song");
    const db = testDb();
    await expect
      .poll(async () => (await db.select().from(plays).where(eq(plays.trackId, band.tracks[0].id))).length, {
        timeout: 10_000,
      })
      .toBe(1);
    const [play] = await db.select().from(plays).where(eq(plays.trackId, band.tracks[0].id));
    expect(play).toMatchObject({ source: "embed", sourceHost: "127.0.0.1" });
    await player.getByTestId("embed-play").click();

    await browser.screenshot({ path: `${artifacts}/embed-band-site.png`, fullPage: true });
    expect(await context.cookies(baseURL)).toEqual([]);

    // Buying opens the band's cart in a new tab (first party there), never inside the frame.
    const buy = player.getByRole("link", { name: /Buy/ });
    await expect(buy).toHaveAttribute("href", /host=127\.0\.0\.1/);
    const [tab] = await Promise.all([context.waitForEvent("page"), buy.click()]);
    await tab.waitForLoadState();
    await expect(tab).toHaveURL(new RegExp(`/${band.artist.slug}/cart$`));
    await expect(tab.getByTestId("cart-line")).toContainText("Summer Static");
    const email = `porch-fan-${uniqueId()}@example.test`;
    await tab.getByTestId("checkout-form").getByLabel(/Email/).fill(email);
    await tab
      .getByTestId("checkout-form")
      .getByRole("button", { name: /Checkout/ })
      .click();
    await tab.getByRole("button", { name: /Pay €5.00/ }).click();
    await expect(tab.getByRole("heading", { name: "Thank you!" })).toBeVisible();
    const [order] = await db.select().from(orders).where(eq(orders.email, email));
    expect(order).toMatchObject({ status: "paid", total: 500, source: "embed", sourceHost: "127.0.0.1" });
  } finally {
    site.server.close();
  }
});

test("the widget player counts a listen as it goes: one play from the first second, upgraded in place to partial, then complete", async ({
  page,
}) => {
  test.setTimeout(90_000);
  const band = await bandWithSingle();
  const song = band.tracks[1];
  const db = testDb();
  const outcomes = async () =>
    (await db.select().from(plays).where(eq(plays.trackId, song.id))).map((p) => [p.outcome, p.source]);
  await page.goto(`/embed/track/${song.id}`);
  const audio = page.getByTestId("embed-audio");
  await page.getByTestId("embed-play").click();

  await expect.poll(outcomes, { timeout: 15_000 }).toEqual([["skip", "embed"]]);
  expect(await audio.evaluate((a: HTMLAudioElement) => a.paused)).toBe(false);
  await expect.poll(outcomes, { timeout: 15_000 }).toEqual([["partial", "embed"]]);
  // 8 s long: complete from 6 s heard (all but the last 2 s), still the same play.
  await expect.poll(outcomes, { timeout: 15_000 }).toEqual([["complete", "embed"]]);
  const [day] = await db.execute<{ plays: number }>(
    sql`select sum(plays)::int as plays from stats_daily where artist_id = ${band.artist.id} and kind = 'play'`,
  );
  expect(day.plays).toBe(1);
});

test("the shop widget lines up names, prices and buy links in one table", async ({ page: browser, context }) => {
  const band = await bandWithSingle();
  const site = await bandWebsite({
    "/": page(
      `<h1>Shop</h1><iframe src="${baseURL}/embed/shop/${band.artist.slug}?layout=compact" title="Shop" height="480" style="display:block;width:100%;height:480px;border:0" data-merchtable data-testid="shop-frame"></iframe><script src="${baseURL}/embed.js" async></script>`,
    ),
  });
  try {
    await browser.goto(site.url);
    const shop = browser.frameLocator('[data-testid="shop-frame"]');
    const rows = shop.getByTestId("embed-shop-item");
    await expect(rows).toHaveCount(3);
    const prices = shop.getByTestId("embed-price");
    await expect(prices).toHaveText(["€5.00", "€8.00", "€12.50"]);
    const boxes = await Promise.all((await prices.all()).map((cell) => cell.boundingBox()));
    const links = await Promise.all(
      (await rows.all()).map((row) => row.getByRole("link", { name: /Buy/ }).boundingBox()),
    );
    for (const box of [...boxes, ...links]) expect(box).not.toBeNull();
    // Price cells share their left and right edges, and so do the buy links, even beside a long title.
    expect(new Set(boxes.map((b) => Math.round(b!.x))).size).toBe(1);
    expect(new Set(boxes.map((b) => Math.round(b!.x + b!.width))).size).toBe(1);
    expect(new Set(links.map((b) => Math.round(b!.x + b!.width))).size).toBe(1);
    await expect.poll(async () => (await browser.getByTestId("shop-frame").boundingBox())!.height).toBeLessThan(480);
    await browser.screenshot({ path: `${artifacts}/embed-shop-table.png`, fullPage: true });
    await browser.emulateMedia({ colorScheme: "dark" });
    await browser.screenshot({ path: `${artifacts}/embed-shop-table-dark.png`, fullPage: true });
    expect(await context.cookies(baseURL)).toEqual([]);
  } finally {
    site.server.close();
  }
});

test("click-to-load: nothing is requested from the shop until the visitor clicks", async ({ page: browser }) => {
  const band = await bandWithSingle();
  const site = await bandWebsite({
    "/embed.js": readFileSync("public/embed.js", "utf8"),
    "/": page(
      `<h1>Listen</h1><div data-merchtable-src="${baseURL}/embed/track/${band.tracks[0].id}?layout=compact" data-height="152" data-title="Static"><a href="${baseURL}/${band.artist.slug}/summer-static">Static by Porch Lights</a></div><script src="/embed.js" async></script>`,
    ),
  });
  const toShop: string[] = [];
  browser.on("request", (request) => {
    if (request.url().startsWith(baseURL)) toShop.push(request.url());
  });
  try {
    await browser.goto(site.url);
    const load = browser.getByRole("button", { name: /Load the player from localhost/ });
    await expect(load).toBeVisible();
    expect(toShop).toEqual([]);
    await load.click();
    const player = browser.frameLocator("iframe[data-merchtable]");
    await expect(player.getByRole("heading", { name: "Static" })).toBeVisible();
    expect(toShop.length).toBeGreaterThan(0);
    expect(toShop.some((url) => url.includes("/api/stream/"))).toBe(false);
  } finally {
    site.server.close();
  }
});
