import { and, eq, like } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import {
  artists,
  collectionExports,
  emailQueue,
  follows,
  orderItems,
  orders,
  preparedArchives,
  releases,
} from "@/db/schema";
import {
  advanceCollectionExport,
  collectionCsv,
  fanProfile,
  listWishlist,
  publicCollection,
  requestCollectionExport,
  resumeCollectionExports,
  runCollectionExportJob,
  setPublicCollection,
  setWishlisted,
} from "@/lib/collection";
import { fileLinkResponse } from "@/lib/downloads/serve";
import { requestLibraryLink } from "@/lib/library";
import { createDownloadGrant } from "@/lib/orders/download-grants";
import { boss, COLLECTION_EXPORT_QUEUE } from "@/lib/queue";
import { makeAudioDir } from "@/tests/support/audio-fixtures";
import { followDownload, releaseWithFlacFiles, runArchiveJobs } from "@/tests/support/downloads";
import { makeArtist, makeUser, unique, useTestDb } from "@/tests/support/factories";
import { makeShop } from "@/tests/support/orders";

const db = useTestDb();
const dir = makeAudioDir();
const fan = () => `${unique("fan")}@example.test`;
const ip = () => `198.51.100.${Math.floor(Math.random() * 250)}-${unique("ip")}`;

const exportMails = (exportId: string) =>
  db
    .select()
    .from(emailQueue)
    .where(eq(emailQueue.dedupeKey, `collection-export:${exportId}`));

async function queuedJobs(exportId: string) {
  const { rows } = await (
    await boss()
  )
    .getDb()
    .executeSql(
      `select id, state::text as state from pgboss.job where name = $1 and singleton_key = $2 and state < 'completed'`,
      [COLLECTION_EXPORT_QUEUE, exportId],
    );
  return rows as { id: string; state: string }[];
}

describe("a fan's wishlist", () => {
  it("adds and removes a release, and one fan never sees another's", async () => {
    const shop = await makeShop(db);
    const [ana, bob] = [fan(), fan()];
    expect(await setWishlisted(db, ana, shop.album.id, true)).toEqual({ ok: true, saved: true });
    expect(await setWishlisted(db, ana, shop.album.id, true)).toEqual({ ok: true, saved: true });
    expect((await listWishlist(db, ana)).map((r) => r.id)).toEqual([shop.album.id]);
    expect(await listWishlist(db, bob)).toEqual([]);
    // Bob removing "it" touches nothing of Ana's.
    await setWishlisted(db, bob, shop.album.id, false);
    expect((await listWishlist(db, ana)).map((r) => r.id)).toEqual([shop.album.id]);
    await setWishlisted(db, ana, shop.album.id, false);
    expect(await listWishlist(db, ana)).toEqual([]);
  });

  it("refuses a draft, an unknown id or a forged one, and stores nothing", async () => {
    const shop = await makeShop(db);
    const email = fan();
    await db.update(releases).set({ status: "draft" }).where(eq(releases.id, shop.album.id));
    for (const id of [shop.album.id, crypto.randomUUID(), "'; drop table releases; --"])
      expect(await setWishlisted(db, email, id, true)).toEqual({ ok: false, reason: "not_found" });
    expect(await listWishlist(db, email)).toEqual([]);
  });
});

describe("the public collection page", () => {
  it("is off by default, and once on shows releases under the chosen name, never the address or prices", async () => {
    const shop = await makeShop(db);
    const email = fan();
    await createDownloadGrant(db, {
      artistId: shop.artist.id,
      orderId: null,
      email,
      items: [{ releaseId: shop.album.id, trackId: null }],
    });
    const slug = unique("ana").toLowerCase();
    expect(await fanProfile(db, email)).toBeNull();
    expect(await publicCollection(db, slug)).toBeNull();

    // Naming the page without turning it on keeps it off.
    expect((await setPublicCollection(db, email, { public: false, displayName: "Ana", slug })).ok).toBe(true);
    expect(await publicCollection(db, slug)).toBeNull();

    expect((await setPublicCollection(db, email, { public: true, displayName: "Ana", slug })).ok).toBe(true);
    const page = await publicCollection(db, slug);
    expect(page?.displayName).toBe("Ana");
    expect(page?.items.map((i) => i.release.title)).toEqual(["Test Album"]);
    const shown = JSON.stringify(page);
    expect(shown).not.toContain(email);
    expect(shown).not.toContain("700");

    await setPublicCollection(db, email, { public: false, displayName: "Ana", slug });
    expect(await publicCollection(db, slug)).toBeNull();
  });

  it("refuses another fan's address, a reserved or malformed one, and a public page with no name", async () => {
    const slug = unique("taken").toLowerCase();
    await setPublicCollection(db, fan(), { public: true, displayName: "First", slug });
    const other = fan();
    expect(await setPublicCollection(db, other, { public: true, displayName: "Second", slug })).toEqual({
      ok: false,
      fieldErrors: { slug: "taken" },
    });
    expect(await setPublicCollection(db, other, { public: true, displayName: "X", slug: "library" })).toEqual({
      ok: false,
      fieldErrors: { slug: "reserved" },
    });
    expect(await setPublicCollection(db, other, { public: true, displayName: "X", slug: "Bad Slug!" })).toEqual({
      ok: false,
      fieldErrors: { slug: "format" },
    });
    expect(await setPublicCollection(db, other, { public: true, displayName: " ", slug: unique("ok") })).toEqual({
      ok: false,
      fieldErrors: { displayName: "required" },
    });
    expect(await fanProfile(db, other)).toBeNull();
  });
});

describe("the collection as CSV", () => {
  it("lists band, release, kind, date, price paid, currency and page, once per thing owned", async () => {
    const shop = await makeShop(db);
    const email = fan();
    const [order] = await db
      .insert(orders)
      .values({
        artistId: shop.artist.id,
        email,
        currency: "EUR",
        subtotal: 800,
        total: 800,
        provider: "test",
        status: "paid",
        paidAt: new Date(),
        expiresAt: new Date(),
        buyerCountry: "FR",
      })
      .returning();
    await db.insert(orderItems).values({
      orderId: order.id,
      kind: "release",
      releaseId: shop.album.id,
      title: shop.album.title,
      unitAmount: 800,
      grossAmount: 800,
      currency: "EUR",
    });
    await createDownloadGrant(db, {
      artistId: shop.artist.id,
      orderId: order.id,
      email,
      items: [{ releaseId: shop.album.id, trackId: null }],
    });
    // A track of the album, also got free later: the album already holds it.
    await createDownloadGrant(db, {
      artistId: shop.artist.id,
      orderId: null,
      email,
      items: [{ releaseId: shop.album.id, trackId: shop.tracks[0].id }],
    });
    const other = await makeShop(db);
    // A band named like a formula is not run by the fan's spreadsheet.
    await db.update(artists).set({ name: "=HYPERLINK(1)" }).where(eq(artists.id, other.artist.id));
    await createDownloadGrant(db, {
      artistId: other.artist.id,
      orderId: null,
      email,
      items: [{ releaseId: other.album.id, trackId: other.tracks[1].id }],
    });

    const lines = (await collectionCsv(db, email))
      .replace(/^\uFEFF/, "")
      .trim()
      .split("\r\n");
    expect(lines[0]).toBe("band,release,kind,bought_on,price_paid,currency,page");
    expect(lines).toHaveLength(3);
    const [band, release, kind, date, price, currency, page] = lines[1].split(",");
    expect([band, release, kind, price, currency]).toEqual([shop.artist.name, "Test Album", "album", "8.00", "EUR"]);
    expect(date).toMatch(/^\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}$/);
    expect(page).toMatch(new RegExp(`/${shop.artist.slug}/${shop.album.slug}$`));
    expect(lines[2].startsWith(`'=HYPERLINK(1),Song 2 (Test Album),`)).toBe(true);
    expect(lines[2].split(",").slice(2, 3)).toEqual(["track"]);
    expect(lines[2]).toContain(",0,,");
  });
});

describe("signing in to the library", () => {
  it("mails a link to a fan who only follows a band (confirmed), with the same answer as for a stranger", async () => {
    const shop = await makeShop(db);
    const [follower, pending, stranger] = [fan(), fan(), fan()];
    await db.insert(follows).values([
      { artistId: shop.artist.id, email: follower, status: "confirmed", confirmedAt: new Date() },
      { artistId: shop.artist.id, email: pending, status: "pending" },
    ]);
    const answers = [];
    for (const email of [follower, pending, stranger])
      answers.push(await requestLibraryLink(db, { email, ip: ip(), locale: "en" }));
    expect(answers).toEqual([follower, pending, stranger].map((email) => ({ ok: true, email })));
    const mails = async (email: string) =>
      db
        .select()
        .from(emailQueue)
        .where(and(eq(emailQueue.to, email), like(emailQueue.dedupeKey, "library-link:%")));
    expect(await mails(follower)).toHaveLength(1);
    expect(await mails(pending)).toHaveLength(0);
    expect(await mails(stranger)).toHaveLength(0);
  });

  it("mails a link to a fan whose library holds only a wishlist", async () => {
    const shop = await makeShop(db);
    const email = fan();
    await setWishlisted(db, email, shop.album.id, true);
    await requestLibraryLink(db, { email, ip: ip(), locale: "en" });
    const sent = await db.select().from(emailQueue).where(eq(emailQueue.to, email));
    expect(sent).toHaveLength(1);
  });
});

describe("downloading the whole collection", () => {
  async function collector() {
    const user = await makeUser(db);
    const artist = await makeArtist(db, user.id, { name: "Les Collectionneurs", plan: "pro" });
    const first = await releaseWithFlacFiles(db, dir, artist.id, "Premier", ["Un", "Deux"]);
    const second = await releaseWithFlacFiles(db, dir, artist.id, "Second", ["Trois"]);
    const single = await releaseWithFlacFiles(db, dir, artist.id, "Singles", ["Quatre", "Cinq"]);
    const email = fan();
    const items = [
      { releaseId: first.releaseId, trackId: null },
      { releaseId: second.releaseId, trackId: null },
      { releaseId: single.releaseId, trackId: single.trackIds[1] },
    ];
    await createDownloadGrant(db, { artistId: artist.id, orderId: null, email, items });
    return { email, first, second, single };
  }

  it("prepares one archive per release, links a lone track as its file, and mails once however often it runs", async () => {
    const { email, first, second, single } = await collector();
    const requested = await requestCollectionExport(db, { email, format: "flac", locale: "en" });
    if (!requested.ok) throw new Error(requested.reason);
    const { exportId } = requested;
    expect(await queuedJobs(exportId)).toHaveLength(1);
    // A second request while the first runs is refused, not queued twice.
    expect(await requestCollectionExport(db, { email, format: "mp3-320", locale: "en" })).toEqual({
      ok: false,
      reason: "running",
    });

    expect(await advanceCollectionExport(db, exportId)).toBe("waiting");
    const claimed = await db.select().from(preparedArchives).where(eq(preparedArchives.format, "flac"));
    for (const releaseId of [first.releaseId, second.releaseId])
      expect(claimed.filter((a) => a.releaseId === releaseId)).toHaveLength(1);
    expect(claimed.filter((a) => a.releaseId === single.releaseId)).toHaveLength(0);
    await runArchiveJobs(db);

    // Two workers at once (a restart re-ran the job while the first was still going): one mail.
    const steps = await Promise.all([advanceCollectionExport(db, exportId), advanceCollectionExport(db, exportId)]);
    expect(steps.sort()).toEqual(["done", "mailed"]);
    expect(await advanceCollectionExport(db, exportId)).toBe("done");
    const mails = await db.select().from(emailQueue).where(eq(emailQueue.to, email));
    expect(mails).toHaveLength(1);
    expect(mails[0].dedupeKey).toBe(`collection-export:${exportId}`);

    const links = [...mails[0].text.matchAll(/https?:\/\/\S+\/api\/download\/(\S+)/g)].map((m) => m[1]);
    expect(links).toHaveLength(3);
    expect(mails[0].text).toContain("Les Collectionneurs — Premier (FLAC, zip)");
    expect(mails[0].text).toContain("Les Collectionneurs — Cinq (FLAC)");
    const [row] = await db.select().from(collectionExports).where(eq(collectionExports.id, exportId));
    expect(row).toMatchObject({ status: "ready", releaseCount: 3 });
    // Every link works days later (the mail's links live a week, not the page's hour).
    const later = new Date(Date.now() + 3 * 24 * 60 * 60 * 1000);
    for (const link of links) {
      const { verifyFileLink } = await import("@/lib/downloads/links");
      expect(verifyFileLink(link, { now: later }).ok).toBe(true);
      const response = await fileLinkResponse(db, new Request(`http://test/api/download/${link}`), link);
      const file = await followDownload(response);
      expect(file.status).toBe(200);
      expect(Number(file.headers.get("content-length"))).toBeGreaterThan(1000);
    }
    // Once done, the fan may ask again.
    expect((await requestCollectionExport(db, { email, format: "flac", locale: "en" })).ok).toBe(true);
  });

  it("is resumed by the chore after a restart lost its job, and still mails once", async () => {
    const { email } = await collector();
    const requested = await requestCollectionExport(db, { email, format: "flac", locale: "fr" });
    if (!requested.ok) throw new Error(requested.reason);
    const { exportId } = requested;
    // The worker died: its queued job is gone.
    await (
      await boss()
    )
      .getDb()
      .executeSql(`delete from pgboss.job where name = $1 and singleton_key = $2`, [COLLECTION_EXPORT_QUEUE, exportId]);
    expect(await queuedJobs(exportId)).toHaveLength(0);
    expect(await resumeCollectionExports(db)).toBeGreaterThanOrEqual(1);
    expect(await queuedJobs(exportId)).toHaveLength(1);
    // The chore again (next minute): still one job waiting.
    await resumeCollectionExports(db);
    expect(await queuedJobs(exportId)).toHaveLength(1);

    for (let i = 0; i < 5 && (await exportMails(exportId)).length === 0; i++) {
      await runCollectionExportJob(db, exportId);
      await runArchiveJobs(db);
    }
    const mails = await exportMails(exportId);
    expect(mails).toHaveLength(1);
    expect(mails[0].subject).toBe("Votre collection est prête à télécharger");
    await runCollectionExportJob(db, exportId);
    expect(await exportMails(exportId)).toHaveLength(1);
  });

  it("refuses an unknown format and an empty collection, and writes nothing", async () => {
    const { email } = await collector();
    expect(await requestCollectionExport(db, { email, format: "mp4", locale: "en" })).toEqual({
      ok: false,
      reason: "invalid_format",
    });
    const nobody = fan();
    expect(await requestCollectionExport(db, { email: nobody, format: "flac", locale: "en" })).toEqual({
      ok: false,
      reason: "empty",
    });
    const rows = await db.select().from(collectionExports).where(eq(collectionExports.email, email));
    expect(rows).toHaveLength(0);
  });
});
