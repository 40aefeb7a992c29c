import path from "node:path";
import { eq } from "drizzle-orm";
import sharp from "sharp";
import { describe, expect, it } from "vitest";
import { orders, releases, tracks } from "@/db/schema";
import { audioKeys, downloadFormat } from "@/lib/audio/formats";
import { ensureDownload } from "@/lib/audio/pipeline";
import { probeMaster } from "@/lib/audio/probe";
import { unseal } from "@/lib/crypto";
import { findGrantByToken, loadGrantContents } from "@/lib/downloads/contents";
import { signFileLink } from "@/lib/downloads/links";
import { downloadPageItems } from "@/lib/downloads/page-data";
import { fileLinkResponse, preparationResponse } from "@/lib/downloads/serve";
import { processImage } from "@/lib/images";
import { addToCart, DOWNLOAD_TOKEN_PURPOSE, fulfillOrder, refundOrder, startCheckout } from "@/lib/orders";
import { createDownloadGrant } from "@/lib/orders/download-grants";
import { storage } from "@/lib/storage";
import { makeAudioDir, tone } from "@/tests/support/audio-fixtures";
import { followDownload, runArchiveJobs } from "@/tests/support/downloads";
import { makeArtist, makeUser, unique, useTestDb } from "@/tests/support/factories";
import { makeShop } from "@/tests/support/orders";
import { unzip } from "@/tests/support/zip";

const db = useTestDb();
const dir = makeAudioDir();

/** A band's album with real FLAC masters and cover art in storage, and a fan's grant to it. */
async function albumWithMasters(titles: string[], options: { lossy?: boolean } = {}) {
  const user = await makeUser(db);
  const artist = await makeArtist(db, user.id, { name: "Les Essais" });
  const releaseId = crypto.randomUUID();
  const cover = await processImage(
    await sharp({ create: { width: 800, height: 800, channels: 3, background: "#2a6" } })
      .png()
      .toBuffer(),
    "cover",
  );
  const artworkKey = `artists/${artist.id}/releases/${releaseId}/cover-test`;
  if (cover.ok) for (const v of cover.variants) await storage().put(`${artworkKey}-${v.suffix}.webp`, v.data);
  await db.insert(releases).values({
    id: releaseId,
    artistId: artist.id,
    slug: unique("rel"),
    title: "Été / Hiver",
    status: "published",
    publishedAt: new Date(),
    artworkKey,
  });
  const trackIds: string[] = [];
  for (const [i, title] of titles.entries()) {
    const file = tone(dir, unique("t"), options.lossy ? "mp3" : "flac", 1, 300 + i * 110);
    const probe = await probeMaster(file);
    if (!probe.ok) throw new Error(`fixture refused: ${probe.reason}`);
    const id = crypto.randomUUID();
    const masterKey = audioKeys.master(artist.id, id, path.extname(file).slice(1));
    await storage().putFromPath(masterKey, file);
    await db.insert(tracks).values({
      id,
      releaseId,
      artistId: artist.id,
      position: i + 1,
      title,
      masterKey,
      master: probe.info,
      durationMs: probe.durationMs,
      status: "ready",
    });
    trackIds.push(id);
  }
  const email = `${unique("fan")}@example.test`;
  const grant = await createDownloadGrant(db, {
    artistId: artist.id,
    orderId: null,
    email,
    items: [{ releaseId, trackId: null }],
  });
  return { artist, releaseId, trackIds, email, grant };
}

const get = (signed: string, headers: Record<string, string> = {}) =>
  fileLinkResponse(db, new Request(`http://test/api/download/${signed}`, { headers }), signed);

async function stored(key: string) {
  const chunks: Buffer[] = [];
  for await (const chunk of await storage().read(key)) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks);
}

describe("finding a download page by its token", () => {
  it("opens a grant for its token and nothing for an unknown or malformed one", async () => {
    const { grant } = await albumWithMasters(["Un"]);
    expect(await findGrantByToken(db, grant.token)).toMatchObject({ found: true, grant: { id: grant.grantId } });
    for (const token of [
      "",
      "abc",
      `${grant.token}x`,
      grant.token.slice(0, -1) + "!",
      "../../etc/passwd",
      "A".repeat(43),
    ]) {
      expect(await findGrantByToken(db, token), token).toEqual({ found: false, reason: "unknown" });
    }
  });

  it("says a refunded order's page is closed (bought, paid, then refunded in full)", async () => {
    const shop = await makeShop(db);
    const cart = unique("cart");
    expect(
      await addToCart(db, { token: cart, artist: shop.artist, item: { kind: "release", id: shop.album.id } }),
    ).toEqual({ ok: true });
    const checkout = await startCheckout(db, {
      token: cart,
      artist: shop.artist,
      email: "refunded@example.test",
      subscribe: false,
      locale: "en",
    });
    if (!checkout.ok) throw new Error(checkout.error);
    await fulfillOrder(db, checkout.orderId, { paymentId: "pi_refund_me" });
    const [order] = await db.select().from(orders).where(eq(orders.id, checkout.orderId));
    const token = unseal(DOWNLOAD_TOKEN_PURPOSE, order.downloadTokenSealed!)!;
    const before = await findGrantByToken(db, token);
    expect(before.found).toBe(true);

    expect(
      await refundOrder(db, {
        actor: { kind: "member" },
        artistId: shop.artist.id,
        orderId: order.id,
        amount: order.total,
      }),
    ).toEqual({
      ok: true,
    });
    const after = await findGrantByToken(db, token);
    expect(after).toMatchObject({ found: false, reason: "revoked", grant: { orderId: order.id } });

    // Its file links stop working too, with 410 Gone.
    if (after.found || after.reason !== "revoked") throw new Error("expected a revoked grant");
    const link = signFileLink({ grantId: after.grant.id, releaseId: shop.album.id, trackId: null, format: "mp3-320" });
    const response = await get(link);
    expect(response.status).toBe(410);
    expect(await response.text()).toMatch(/refunded/);
  });
});

describe("file links", () => {
  it("refuses expired, altered and other grants' links, and changes nothing", async () => {
    const mine = await albumWithMasters(["Un", "Deux"]);
    const theirs = await albumWithMasters(["Trois"]);
    const base = { grantId: mine.grant.grantId, releaseId: mine.releaseId, trackId: null, format: "mp3-320" as const };

    const expired = signFileLink({ ...base, expires: Math.floor(Date.now() / 1000) - 1 });
    let response = await get(expired);
    expect(response.status).toBe(403);
    expect(await response.text()).toMatch(/expired/);
    expect(response.headers.get("cache-control")).toBe("private, no-store");

    const good = signFileLink(base);
    const parts = good.split(".");
    const altered = [...parts.slice(0, 3), "flac", ...parts.slice(4)].join(".");
    response = await get(altered);
    expect(response.status).toBe(403);
    expect(await response.text()).toMatch(/altered/);
    const forgedSignature = [...parts.slice(0, 5), (parts[5].startsWith("A") ? "B" : "A") + parts[5].slice(1)].join(
      ".",
    );
    expect((await get(forgedSignature)).status).toBe(403);

    // Signed for my grant but naming their release, or signed for their grant naming mine: nothing.
    expect((await get(signFileLink({ ...base, releaseId: theirs.releaseId }))).status).toBe(404);
    expect((await get(signFileLink({ ...base, grantId: theirs.grant.grantId }))).status).toBe(404);
    expect((await get(signFileLink({ ...base, trackId: theirs.trackIds[0] }))).status).toBe(404);
    expect((await get("not-a-link")).status).toBe(404);
    // None of them queued anything: the real link's files are still not being made.
    const status = await preparationResponse(db, new Request("http://test", { method: "GET" }), good);
    expect(await status.json()).toEqual({ state: "idle", ready: 0, total: 2, step: "files" });
  });

  it("serves an album as a zip: numbered names, cover.jpg, entries byte-identical to the stored files", async () => {
    const { artist, releaseId, trackIds, grant } = await albumWithMasters(["Aube", "Crépuscule / Nuit"]);
    for (const id of trackIds) await ensureDownload(db, id, "flac");
    const link = signFileLink({ grantId: grant.grantId, releaseId, trackId: null, format: "flac" });
    // The first ask queues the zip (packed once, stored); once built, the link redirects to it.
    const first = await get(link);
    expect(first.status).toBe(409);
    expect(await runArchiveJobs(db)).toBe(1);
    const redirect = await get(link);
    expect(redirect.status).toBe(302);
    expect(redirect.headers.get("cache-control")).toBe("private, no-store");
    const response = await followDownload(redirect);
    expect(response.status).toBe(200);
    expect(response.headers.get("content-type")).toBe("application/zip");
    expect(response.headers.get("content-disposition")).toContain(`filename*=UTF-8''`);
    const body = Buffer.from(await response.arrayBuffer());
    expect(Number(response.headers.get("content-length"))).toBe(body.length);

    const entries = await unzip(body);
    expect([...entries.keys()].sort()).toEqual(
      [`01 ${artist.name} - Aube.flac`, `02 ${artist.name} - Crépuscule - Nuit.flac`, "cover.jpg"].sort(),
    );
    for (const [i, id] of trackIds.entries()) {
      const name = [...entries.keys()].find((n) => n.startsWith(`0${i + 1} `))!;
      const file = await stored(audioKeys.download(artist.id, id, downloadFormat("flac")));
      expect(entries.get(name)!.equals(file), name).toBe(true);
    }
    const cover = entries.get("cover.jpg")!;
    expect(cover.subarray(0, 3).toString("hex")).toBe("ffd8ff");
    expect((await sharp(cover).metadata()).width).toBeGreaterThanOrEqual(600);
  });

  it("serves a single track as its file, honouring byte ranges", async () => {
    const { artist, releaseId, trackIds, email } = await albumWithMasters(["Seul", "Pas celui-ci"]);
    const single = await createDownloadGrant(db, {
      artistId: artist.id,
      orderId: null,
      email,
      items: [{ releaseId, trackId: trackIds[0] }],
    });
    await ensureDownload(db, trackIds[0], "mp3-320");
    const link = signFileLink({ grantId: single.grantId, releaseId, trackId: trackIds[0], format: "mp3-320" });
    const file = await stored(audioKeys.download(artist.id, trackIds[0], downloadFormat("mp3-320")));
    const whole = await followDownload(await get(link));
    expect(whole.status).toBe(200);
    expect(whole.headers.get("content-type")).toBe("audio/mpeg");
    expect(Number(whole.headers.get("content-length"))).toBe(file.length);
    expect(whole.headers.get("content-disposition")).toContain(`01 ${artist.name} - Seul.mp3`);
    expect(Buffer.from(await whole.arrayBuffer()).equals(file)).toBe(true);
    const part = await followDownload(await get(link), { range: "bytes=100-199" });
    expect(part.status).toBe(206);
    expect(part.headers.get("content-range")).toBe(`bytes 100-199/${file.length}`);
    expect(Buffer.from(await part.arrayBuffer()).equals(file.subarray(100, 200))).toBe(true);
    // The other track of the album is not part of this grant.
    expect(
      (await get(signFileLink({ grantId: single.grantId, releaseId, trackId: trackIds[1], format: "mp3-320" }))).status,
    ).toBe(404);
  });
});

describe("preparing formats that are not made yet", () => {
  it("answers 409 at once, queues the missing tracks on request, and serves them once made", async () => {
    const { releaseId, trackIds, grant } = await albumWithMasters(["Lent", "Plus lent", "Le plus lent"]);
    await ensureDownload(db, trackIds[0], "opus");
    const link = signFileLink({ grantId: grant.grantId, releaseId, trackId: null, format: "opus" });
    const status = (method: "GET" | "POST", body?: object) =>
      preparationResponse(
        db,
        new Request(`http://test/api/download/${link}/status`, {
          method,
          body: body ? JSON.stringify(body) : undefined,
        }),
        link,
      ).then((r) => r.json());

    // The page's data says how far each format is.
    const { items } = await downloadPageItems(db, (await loadGrantContents(db, grant.grantId))!);
    expect(items[0].formats.find((f) => f.id === "opus")).toMatchObject({ ready: 1, total: 3 });
    expect(await status("GET")).toEqual({ state: "idle", ready: 1, total: 3, step: "files" });

    const early = await get(link);
    expect(early.status).toBe(409);
    expect(await early.text()).toMatch(/being prepared \(1 of 3 ready\)/);
    // The 409 queued the missing two; asking again queues nothing twice.
    expect(await status("POST")).toEqual({ state: "preparing", ready: 1, total: 3, step: "files" });

    const { startWorkers } = await import("@/lib/jobs");
    const stop = await startWorkers();
    try {
      // As the page does: GET while something is being made, POST when the next step waits (the zip).
      let now = await status("GET");
      for (let i = 0; i < 160 && now.state !== "ready"; i++) {
        await new Promise((r) => setTimeout(r, 250));
        now = await status(now.state === "idle" ? "POST" : "GET");
      }
      expect(now).toEqual({ state: "ready", ready: 3, total: 3, size: expect.any(Number) });
    } finally {
      await stop();
    }
    const zip = await unzip(Buffer.from(await (await followDownload(await get(link))).arrayBuffer()));
    expect([...zip.keys()].filter((name) => name.endsWith(".opus"))).toHaveLength(3);
  });

  it("offers no lossless format from a lossy master, and refuses a link to one", async () => {
    const { releaseId, grant } = await albumWithMasters(["Compressé"], { lossy: true });
    const { items } = await downloadPageItems(db, (await loadGrantContents(db, grant.grantId))!);
    expect(items[0].losslessUnavailable).toBe(true);
    expect(items[0].formats.map((f) => f.id)).not.toContain("flac");
    expect(items[0].defaultFormat).toBe("mp3-320");
    expect((await get(signFileLink({ grantId: grant.grantId, releaseId, trackId: null, format: "flac" }))).status).toBe(
      404,
    );
  });
});
