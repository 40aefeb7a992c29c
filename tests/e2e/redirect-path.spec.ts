import { createServer, type Server } from "node:http";
import { expect, test, type Page } from "@playwright/test";
import { and, asc, eq } from "drizzle-orm";
import { createDb } from "@/db/client";
import { artists, orderItems, orders, releases, tracks } from "@/db/schema";
import { createDownloadGrant } from "@/lib/orders/download-grants";
import { startS3App, type S3App } from "@/tests/support/s3-app";
import { unzip } from "@/tests/support/zip";
import { artifacts, uniqueId } from "./helpers";

/**
 * The redirect path, in Chromium: a second app server with STORAGE_DRIVER=s3 (its own database,
 * the demo band seeded into the S3 stand-in; tests/support/s3-app.ts, started here so only this
 * file pays for it) decides, then answers 302 to a presigned URL; the bytes come from the stand-in.
 */
test.describe.configure({ mode: "serial" });

let app: S3App;
let pool: ReturnType<typeof createDb>;

test.beforeAll(async () => {
  test.setTimeout(180_000);
  // Signed URLs live 30 s (the least allowed), so the expiry test below waits seconds, not minutes.
  app = await startS3App({ env: { TRUSTED_PROXIES: "127.0.0.1,::1", SIGNED_URL_SECONDS: "30" } });
  pool = createDb(app.databaseUrl, { max: 2 });
});

test.afterAll(async () => {
  await pool?.client.end({ timeout: 5 });
  await app?.stop();
});

/** The demo album on the s3 server and its tracks, in order. */
async function demoAlbum() {
  const { db } = pool;
  const [artist] = await db.select().from(artists).where(eq(artists.slug, "demo-band"));
  const [album] = await db
    .select()
    .from(releases)
    .where(and(eq(releases.artistId, artist.id), eq(releases.slug, "first-light")));
  const rows = await db.select().from(tracks).where(eq(tracks.releaseId, album.id)).orderBy(asc(tracks.position));
  return { artist, album, tracks: rows };
}

/** The stand-in's presigned GETs of one object, with the first byte each asked for. */
function presignedReads(key: string) {
  return app.standIn.requests
    .filter((r) => r.method === "GET" && r.presigned && r.url.split("?")[0] === `/${app.standIn.bucket}/${key}`)
    .map((r) => ({ ...r, start: Number(/^bytes=(\d+)-/.exec(r.range ?? "")?.[1] ?? Number.NaN) }));
}

const audioState = (page: Page, testId: string) =>
  page.getByTestId(testId).evaluate((audio: HTMLAudioElement) => ({
    time: audio.currentTime,
    paused: audio.paused,
    src: audio.currentSrc,
    duration: audio.duration,
  }));

test("a fan plays a track from object storage and seeks: the app answers 302 to a presigned URL, the bytes come in ranges from the bucket", async ({
  page,
  context,
}) => {
  const { tracks: demo } = await demoAlbum();
  const first = demo[0];
  const key = first.streamKey!;

  // The app decides and redirects, never caching the redirect.
  const direct = await page.request.get(`${app.baseURL}/api/stream/${first.id}`, {
    headers: { Range: "bytes=0-1023" },
    maxRedirects: 0,
  });
  expect(direct.status()).toBe(302);
  expect(direct.headers()["cache-control"]).toContain("no-store");
  const location = new URL(direct.headers()["location"]);
  expect(location.origin).toBe(app.standIn.url);
  expect(location.pathname).toBe(`/${app.standIn.bucket}/${key}`);
  expect(location.searchParams.get("X-Amz-Signature")).toMatch(/^[0-9a-f]{64}$/);

  // Slow the network so the seek lands past what is buffered and needs a new range.
  const cdp = await context.newCDPSession(page);
  await cdp.send("Network.enable");
  await cdp.send("Network.emulateNetworkConditions", {
    offline: false,
    latency: 20,
    downloadThroughput: 48 * 1024,
    uploadThroughput: -1,
  });
  const before = presignedReads(key).length;
  await page.goto(`${app.baseURL}/demo-band/first-light`);
  await page
    .getByRole("button", { name: `Play ${first.title}` })
    .first()
    .click();
  await expect
    .poll(async () => (await audioState(page, "player-audio")).time, { timeout: 20_000 })
    .toBeGreaterThan(0.8);
  expect((await audioState(page, "player-audio")).src).toBe(`${app.baseURL}/api/stream/${first.id}`);
  const played = presignedReads(key).slice(before);
  expect(played.length).toBeGreaterThan(0);
  expect(played[0].range).toMatch(/^bytes=0-/);

  // Seek three quarters of the way along the waveform: a new range, from further in the file.
  const slider = page.getByRole("slider", { name: `Position in ${first.title}` });
  const box = (await slider.boundingBox())!;
  const seconds = first.durationMs! / 1000;
  const target = seconds * 0.75;
  const seen = presignedReads(key).length;
  await slider.click({ position: { x: box.width * 0.75, y: box.height / 2 } });
  await expect
    .poll(
      () =>
        presignedReads(key)
          .slice(seen)
          .filter((r) => r.start > first.streamSize! / 2).length,
      {
        timeout: 15_000,
      },
    )
    .toBeGreaterThan(0);
  await expect
    .poll(async () => (await audioState(page, "player-audio")).time, { timeout: 15_000 })
    .toBeGreaterThan(target - 1.5);
  const afterSeek = (await audioState(page, "player-audio")).time;
  expect(afterSeek).toBeLessThan(target + 3);
  // Playback goes on from there.
  await expect
    .poll(async () => (await audioState(page, "player-audio")).time, { timeout: 15_000 })
    .toBeGreaterThan(afterSeek + 0.5);
  expect((await audioState(page, "player-audio")).paused).toBe(false);
  await cdp.detach();
  await page.screenshot({ path: `${artifacts}/redirect-release-player.png` });
});

test("after a pause longer than its signed URL lives, the bucket refuses it: the player asks the app again and plays on from the same place", async ({
  page,
  context,
}) => {
  test.setTimeout(120_000);
  const { tracks: demo } = await demoAlbum();
  const song = demo[2];
  const key = song.streamKey!;
  await page.goto(`${app.baseURL}/demo-band/first-light`);
  const cdp = await context.newCDPSession(page);
  await cdp.send("Network.enable");
  // Once the page is in, slower than the rendition plays (16 KB/s): the seek below needs a new range.
  await cdp.send("Network.emulateNetworkConditions", {
    offline: false,
    latency: 20,
    downloadThroughput: 8 * 1024,
    uploadThroughput: -1,
  });
  await page.getByTestId("track-row").nth(2).getByRole("button", { name: song.title }).click();
  await expect
    .poll(async () => (await audioState(page, "player-audio")).time, { timeout: 30_000 })
    .toBeGreaterThan(0.5);
  await page.getByTestId("player-audio").evaluate((audio: HTMLAudioElement) => audio.pause());

  // A long pause: the app's copy of the URL is past its reuse (a fifth of the 90 s it lives, with
  // SIGNED_URL_SECONDS=30 and this 30 s track), and the bucket now refuses it as expired.
  await page.waitForTimeout(19_000);
  const mark = new Date();
  app.standIn.expireSignedBefore(mark);
  const slider = page.getByRole("slider", { name: `Position in ${song.title}` });
  const box = (await slider.boundingBox())!;
  const target = (song.durationMs! / 1000) * 0.75;
  await slider.click({ position: { x: box.width * 0.75, y: box.height / 2 } });
  await expect
    .poll(async () => (await audioState(page, "player-audio")).time, { timeout: 30_000 })
    .toBeGreaterThan(target - 1.5);
  // Chromium retries the dead address quietly; the player asks the app for a fresh one within
  // seconds (a seek that does not end), and the bytes come through a URL signed after the old died.
  const fresh = () =>
    presignedReads(key).filter((r) => new URL(r.url, app.standIn.url).searchParams.get("X-Amz-Date")! >= isoBasic(mark))
      .length;
  await expect.poll(fresh, { timeout: 20_000 }).toBeGreaterThan(0);
  await expect
    .poll(() => page.getByTestId("player-audio").evaluate((audio: HTMLAudioElement) => audio.readyState), {
      timeout: 20_000,
    })
    .toBeGreaterThanOrEqual(2);
  await expect(page.getByTestId("player")).not.toContainText("could not be played");
  // And it plays on from there (at full speed again: the throttle only served to force the new range).
  await cdp.send("Network.emulateNetworkConditions", {
    offline: false,
    latency: 0,
    downloadThroughput: -1,
    uploadThroughput: -1,
  });
  await page.getByTestId("player-audio").evaluate((audio: HTMLAudioElement) => audio.play());
  const resumed = (await audioState(page, "player-audio")).time;
  await expect
    .poll(async () => (await audioState(page, "player-audio")).time, { timeout: 20_000 })
    .toBeGreaterThan(resumed + 0.5);
  expect((await audioState(page, "player-audio")).time).toBeLessThan(target + 5);
  await cdp.detach();
});

/** A date as SigV4 writes it (20261203T101500Z), comparable as a string. */
const isoBasic = (date: Date) =>
  date
    .toISOString()
    .replace(/[-:]/g, "")
    .replace(/\.\d{3}/, "");

/** The band's own website: another origin (127.0.0.1, another port) serving one page. */
async function bandWebsite(html: string): Promise<{ url: string; server: Server }> {
  const server = createServer((_request, response) =>
    response.writeHead(200, { "Content-Type": "text/html; charset=utf-8" }).end(html),
  );
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  return { url: `http://127.0.0.1:${(server.address() as { port: number }).port}`, server };
}

test("a widget on the band's own site plays through the redirect", async ({ page }) => {
  const { tracks: demo } = await demoAlbum();
  const song = demo[1];
  const site = await bandWebsite(
    `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>The Demo Band</title></head><body><h1>Listen</h1><iframe src="${app.baseURL}/embed/track/${song.id}" title="${song.title}" style="width:100%;height:200px;border:0" data-testid="track-frame"></iframe></body></html>`,
  );
  try {
    const redirects: string[] = [];
    page.on("request", (request) => {
      if (request.redirectedFrom()?.url().includes(`/api/stream/${song.id}`)) redirects.push(request.url());
    });
    const before = presignedReads(song.streamKey!).length;
    await page.goto(site.url);
    const player = page.frameLocator('[data-testid="track-frame"]');
    await player.getByTestId("embed-play").click();
    const audio = player.getByTestId("embed-audio");
    await expect
      .poll(() => audio.evaluate((a: HTMLAudioElement) => a.currentTime), { timeout: 20_000 })
      .toBeGreaterThan(0.8);
    expect(await audio.evaluate((a: HTMLAudioElement) => a.currentSrc)).toBe(`${app.baseURL}/api/stream/${song.id}`);
    expect(presignedReads(song.streamKey!).length).toBeGreaterThan(before);
    expect(redirects.length).toBeGreaterThan(0);
    expect(redirects.every((url) => url.startsWith(`${app.standIn.url}/${app.standIn.bucket}/`))).toBe(true);
  } finally {
    site.server.close();
  }
});

/** A paid order for the demo album on the s3 server and its grant, as fulfilment leaves them. */
async function paidAlbumOrder() {
  const { db } = pool;
  const { artist, album } = await demoAlbum();
  const email = `fan-${uniqueId()}@example.test`;
  const [order] = await db
    .insert(orders)
    .values({
      artistId: artist.id,
      status: "paid",
      email,
      currency: "EUR",
      subtotal: 700,
      total: 700,
      provider: "test",
      providerSessionId: `test_${uniqueId()}`,
      expiresAt: new Date(),
    })
    .returning();
  await db.insert(orderItems).values({
    orderId: order.id,
    kind: "release",
    releaseId: album.id,
    title: album.title,
    unitAmount: 700,
    currency: "EUR",
  });
  const grant = await createDownloadGrant(db, {
    artistId: artist.id,
    orderId: order.id,
    email,
    items: [{ releaseId: album.id, trackId: null }],
  });
  return `/download/${grant.token}`;
}

test("a fan downloads the album: its size is shown before the download, and the link ends at the bucket with that Content-Length", async ({
  page,
}) => {
  test.setTimeout(120_000);
  await page.goto(app.baseURL + (await paidAlbumOrder()));
  const item = page.getByTestId("download-item");
  await item.getByLabel("Format").selectOption("mp3-320");
  const button = item.getByTestId("download-button");
  if (await button.isVisible()) await button.click();
  const link = item.getByTestId("download-link");
  await expect(link).toBeVisible({ timeout: 90_000 });
  // The size of the prepared zip, shown (and carried exactly) before anything is downloaded.
  const size = item.getByTestId("download-size");
  await expect(size).toHaveAttribute("data-size", /^\d+$/);
  const bytes = Number(await size.getAttribute("data-size"));
  expect(bytes).toBeGreaterThan(1_000_000);
  await expect(size).toContainText(`MP3 320 · ${Number((bytes / 1e6).toFixed(1))} MB`);
  await page.screenshot({ path: `${artifacts}/redirect-download-size.png`, fullPage: true });

  const href = (await link.getAttribute("href"))!;
  const hop = await page.request.get(new URL(href, app.baseURL).toString(), { maxRedirects: 0 });
  expect(hop.status()).toBe(302);
  expect(hop.headers()["cache-control"]).toContain("no-store");
  expect(hop.headers()["location"]).toMatch(new RegExp(`^${app.standIn.url}/${app.standIn.bucket}/`));

  const zip = await page.request.get(new URL(href, app.baseURL).toString());
  expect(zip.status()).toBe(200);
  expect(zip.url().startsWith(`${app.standIn.url}/`)).toBe(true);
  expect(Number(zip.headers()["content-length"])).toBe(bytes);
  expect(zip.headers()["content-type"]).toBe("application/zip");
  expect(zip.headers()["content-disposition"]).toContain("The Demo Band - First Light (MP3 320).zip");
  const body = await zip.body();
  expect(body.length).toBe(bytes);
  expect(body.subarray(0, 4).toString("hex")).toBe("504b0304");
  const entries = await unzip(body);
  expect([...entries.keys()].filter((name) => name.endsWith(".mp3"))).toHaveLength(4);
});
