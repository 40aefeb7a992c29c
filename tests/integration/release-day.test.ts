import { and, eq, like, sql } from "drizzle-orm";
import { afterAll, describe, expect, it } from "vitest";
import { artists, emailQueue, orders, releases, tracks } from "@/db/schema";
import { downloadFormat } from "@/lib/audio/formats";
import { isPreorder } from "@/lib/catalog";
import { setReleaseStatus } from "@/lib/catalog/releases";
import { unseal } from "@/lib/crypto";
import { archivePlan } from "@/lib/downloads/archives";
import { findGrantByToken, loadGrantContents } from "@/lib/downloads/contents";
import { signFileLink } from "@/lib/downloads/links";
import { resolveFileLink } from "@/lib/downloads/resolve";
import { loadShopWidget } from "@/lib/embed/data";
import { addToCart, DOWNLOAD_TOKEN_PURPOSE, findCart, fulfillOrder, setCartCountry, startCheckout } from "@/lib/orders";
import { boss, forgetBoss, RELEASE_DAY_QUEUE } from "@/lib/queue";
import { releaseDueReleases, releaseNow, runReleaseJob, scheduleRelease, type ScheduleInput } from "@/lib/release-day";
import { releaseDue } from "@/lib/release-day/released";
import { publishedStreamCache, resolveStream } from "@/lib/stream/stream-access";
import { wallClockIn } from "@/lib/time-zone";
import { makeUser, unique, useTestDb } from "@/tests/support/factories";
import { makeShop } from "@/tests/support/orders";

const db = useTestDb();
afterAll(async () => {
  await (await boss()).stop({ graceful: false, wait: true });
  forgetBoss();
});

type Shop = Awaited<ReturnType<typeof makeShop>>;
const HOUR = 3_600_000;

/** The shop's album as a pre-order out at `at`: track 1 available at once, track 2 kept for release day (both sold alone). */
async function preorderShop(at = new Date(Date.now() + 48 * HOUR)) {
  const shop = await makeShop(db, { plan: "pro" });
  await db.update(artists).set({ timeZone: "Europe/Paris" }).where(eq(artists.id, shop.artist.id));
  await db.update(releases).set({ releaseAt: at, releasedAt: null }).where(eq(releases.id, shop.album.id));
  for (const [i, track] of shop.tracks.entries())
    await db
      .update(tracks)
      .set({
        preorderAvailable: i === 0,
        streamKey: `streams/${track.id}.mp3`,
        streamSize: 16_000,
        // Both sold alone: a fan may buy the locked one before release day.
        pricingMode: "fixed",
        priceAmount: 100,
      })
      .where(eq(tracks.id, track.id));
  return shop;
}

/** A paid order through the test provider: the album, a track alone, or the CD linked to the album. */
async function buy(shop: Shop, item: { kind: "release" | "track" | "product"; id: string }, email = unique("fan")) {
  const cart = unique("cart");
  const added = await addToCart(db, { token: cart, artist: shop.artist, item });
  if (!added.ok) throw new Error(`cart refused: ${JSON.stringify(added)}`);
  // A parcel needs its country before checkout (the shipping rate).
  if (item.kind === "product") await setCartCountry(db, (await findCart(db, cart, shop.artist.id))!, "FR");
  const checkout = await startCheckout(db, {
    token: cart,
    artist: shop.artist,
    email: `${email}@example.test`,
    subscribe: false,
    locale: "en",
  });
  if (!checkout.ok) throw new Error(`checkout refused: ${checkout.error}`);
  await fulfillOrder(db, checkout.orderId, { paymentId: `pi_${checkout.orderId}` });
  const [order] = await db.select().from(orders).where(eq(orders.id, checkout.orderId));
  expect(order.status).toBe("paid");
  const token = unseal(DOWNLOAD_TOKEN_PURPOSE, order.downloadTokenSealed!)!;
  const grant = await findGrantByToken(db, token);
  if (!grant.found) throw new Error("no grant");
  return { order, token, grant: grant.grant };
}

const releaseMails = (releaseId: string) =>
  db
    .select()
    .from(emailQueue)
    .where(like(emailQueue.dedupeKey, `release-day:${releaseId}:%`));
const movedMails = (releaseId: string) =>
  db
    .select()
    .from(emailQueue)
    .where(like(emailQueue.dedupeKey, `release-moved:${releaseId}:%`));
/** An MP3 file per track as if already made: the zip's plan only reads their names and sizes. */
const MP3 = downloadFormat("mp3-320");
const fakeFiles = (shop: Shop) =>
  shop.tracks.map((t) => ({ trackId: t.id, key: `files/${t.id}.mp3`, size: 10, createdAt: new Date(0) }));
const releaseRow = async (id: string) => (await db.select().from(releases).where(eq(releases.id, id)))[0];
const jobsFor = async (releaseId: string) =>
  (
    await (
      await boss()
    )
      .getDb()
      .executeSql(
        `select start_after as "startAfter", state from pgboss.job where name = $1 and data->>'releaseId' = $2`,
        [RELEASE_DAY_QUEUE, releaseId],
      )
  ).rows as { startAfter: Date; state: string }[];

describe("release day comes once", () => {
  it("two job runs and two chores racing for a due release release it exactly once", async () => {
    const shop = await preorderShop();
    const buyer = await buy(shop, { kind: "release", id: shop.album.id });
    // Its moment has come (the job was due a second ago).
    await db
      .update(releases)
      .set({ releaseAt: new Date(Date.now() - 1000) })
      .where(eq(releases.id, shop.album.id));

    const [jobs, chores] = await Promise.all([
      Promise.all([1, 2, 3, 4].map(() => runReleaseJob(db, shop.album.id))),
      Promise.all([1, 2].map(() => releaseDue(db))),
    ]);
    // The chores may bring out other due rows too: only this release's wins are counted.
    const wins = jobs.filter(Boolean).length + chores.flat().filter((id) => id === shop.album.id).length;
    expect(wins).toBe(1);
    const row = await releaseRow(shop.album.id);
    expect(row.releasedAt).not.toBeNull();
    const mails = await releaseMails(shop.album.id);
    expect(mails.map((m) => m.to)).toEqual([buyer.order.email]);

    // Everyone who comes later finds it out already.
    expect(await runReleaseJob(db, shop.album.id)).toBe(false);
    expect((await releaseRow(shop.album.id)).releasedAt).toEqual(row.releasedAt);
    expect(await releaseMails(shop.album.id)).toHaveLength(1);
  });

  it("a release whose moment passed while no worker ran (a missed schedule, a restart) comes out at the next chore", async () => {
    const shop = await preorderShop(new Date(Date.now() - 10 * 60_000));
    const buyer = await buy(shop, { kind: "release", id: shop.album.id });
    expect((await releaseRow(shop.album.id)).releasedAt).toBeNull();
    expect(await releaseDueReleases(db)).toBeGreaterThanOrEqual(1);
    expect((await releaseRow(shop.album.id)).releasedAt).not.toBeNull();
    expect((await releaseMails(shop.album.id)).map((m) => m.to)).toEqual([buyer.order.email]);
  });

  it("a draft with a past moment waits for its band to publish it, and the chore leaves it alone", async () => {
    const shop = await preorderShop(new Date(Date.now() - 60_000));
    await db.update(releases).set({ status: "draft" }).where(eq(releases.id, shop.album.id));
    await releaseDueReleases(db);
    expect(await runReleaseJob(db, shop.album.id)).toBe(false);
    expect((await releaseRow(shop.album.id)).releasedAt).toBeNull();
  });
});

describe("pre-order buyers on release day", () => {
  it("each gets exactly one e-mail with their download link, however often the release is tried", async () => {
    const shop = await preorderShop();
    const album = await buy(shop, { kind: "release", id: shop.album.id });
    const cd = await buy(shop, { kind: "product", id: shop.cd.id });
    const refunded = await buy(shop, { kind: "release", id: shop.album.id });
    // Refunded in full before release day: its downloads are closed, nobody to tell.
    await db.update(orders).set({ status: "refunded" }).where(eq(orders.id, refunded.order.id));

    const released = await releaseNow(db, shop.owner.id, shop.album.id);
    expect(released.ok).toBe(true);
    await releaseDueReleases(db);
    await runReleaseJob(db, shop.album.id);
    expect(await releaseNow(db, shop.owner.id, shop.album.id)).toEqual({ ok: false, error: "not_preorder" });

    const mails = await releaseMails(shop.album.id);
    expect(mails.map((m) => m.to).sort()).toEqual([album.order.email, cd.order.email].sort());
    const albumMail = mails.find((m) => m.to === album.order.email)!;
    expect(albumMail.subject).toBe(`Test Album by ${shop.artist.name} is out`);
    expect(albumMail.text).toContain(`/download/${album.token}`);
    expect(mails.find((m) => m.to === cd.order.email)!.text).toContain(`/download/${cd.token}`);
  });

  it("another band's member cannot release it, schedule it or read anything about it", async () => {
    const shop = await preorderShop();
    const stranger = await makeUser(db);
    expect(await releaseNow(db, stranger.id, shop.album.id)).toEqual({ ok: false, error: "not_found" });
    const tomorrow = wallClockIn(new Date(Date.now() + 24 * HOUR), "Europe/Paris");
    expect(await scheduleRelease(db, stranger.id, shop.album.id, { ...tomorrow, availableTrackIds: [] })).toEqual({
      ok: false,
      error: "not_found",
    });
    expect((await releaseRow(shop.album.id)).releasedAt).toBeNull();
  });
});

describe("locked tracks until release day", () => {
  it("the stream refuses a track kept for release day to fans (never cached) and plays the available one", async () => {
    publishedStreamCache.configure({ ttlMs: 60_000 });
    const shop = await preorderShop();
    const [available, locked] = shop.tracks;
    const fan = async () => null;
    const member = async () => ({ id: shop.owner.id });

    expect((await resolveStream(db, available.id, fan)).allowed).toBe(true);
    expect(await resolveStream(db, locked.id, fan)).toEqual({ allowed: false, reason: "locked" });
    // The Node fast path reads no cookie: it hands the request to Next, which checks the member.
    expect(await resolveStream(db, locked.id, null)).toEqual({ allowed: false, reason: "needs_session" });
    const heard = await resolveStream(db, locked.id, member);
    expect(heard.allowed && heard.target.audience).toBe("members");
    expect(publishedStreamCache.has(locked.id)).toBe(false);

    await releaseNow(db, shop.owner.id, shop.album.id);
    const after = await resolveStream(db, locked.id, fan);
    expect(after.allowed && after.target.audience).toBe("public");
    publishedStreamCache.configure();
  });

  it("downloads hold the locked tracks back until release, then the zip is a new version with every track", async () => {
    const shop = await preorderShop();
    const [available, locked] = shop.tracks;
    const album = await buy(shop, { kind: "release", id: shop.album.id });
    const single = await buy(shop, { kind: "track", id: locked.id });
    const files = fakeFiles(shop);

    const before = (await loadGrantContents(db, album.grant.id))!;
    const [albumItem] = before.items;
    expect(albumItem.tracks.map((t) => t.id)).toEqual([available.id]);
    expect(albumItem.waitingTracks).toBe(1);
    const zipLink = signFileLink({
      grantId: album.grant.id,
      releaseId: shop.album.id,
      trackId: null,
      format: "mp3-320",
    });
    const zip = await resolveFileLink(db, zipLink);
    expect(zip.ok && zip.item.tracks.map((t) => t.id)).toEqual([available.id]);
    const lockedLink = signFileLink({
      grantId: single.grant.id,
      releaseId: shop.album.id,
      trackId: locked.id,
      format: "mp3-320",
    });
    expect(await resolveFileLink(db, lockedLink)).toEqual({ ok: false, reason: "empty" });
    const preVersion = archivePlan(before, albumItem, MP3, files).version;

    await releaseNow(db, shop.owner.id, shop.album.id);

    const after = (await loadGrantContents(db, album.grant.id))!;
    expect(after.items[0].tracks.map((t) => t.id)).toEqual([available.id, locked.id]);
    expect(after.items[0].waitingTracks).toBe(0);
    expect(archivePlan(after, after.items[0], MP3, files).version).not.toBe(preVersion);
    const unlocked = await resolveFileLink(db, lockedLink);
    expect(unlocked.ok && unlocked.item.tracks.map((t) => t.id)).toEqual([locked.id]);
  });

  it("a pre-order's zip is never served as the released album's, even with every track available at once", async () => {
    const shop = await preorderShop();
    await db.update(tracks).set({ preorderAvailable: true }).where(eq(tracks.releaseId, shop.album.id));
    const album = await buy(shop, { kind: "release", id: shop.album.id });
    const files = fakeFiles(shop);
    const before = (await loadGrantContents(db, album.grant.id))!;
    const preVersion = archivePlan(before, before.items[0], MP3, files).version;
    await releaseNow(db, shop.owner.id, shop.album.id);
    const after = (await loadGrantContents(db, album.grant.id))!;
    expect(after.items[0].tracks).toHaveLength(2);
    expect(archivePlan(after, after.items[0], MP3, files).version).not.toBe(preVersion);
  });
});

describe("the band schedules and moves release day", () => {
  it("stores the moment from the band's clock, queues the job at it, and refuses bad input without changing anything", async () => {
    const shop = await preorderShop();
    await db.update(releases).set({ releaseAt: null }).where(eq(releases.id, shop.album.id));
    const [first, second] = shop.tracks;
    const now = new Date();
    const at = new Date(Math.ceil((now.getTime() + 3 * 24 * HOUR) / 60_000) * 60_000);
    const wall = wallClockIn(at, "Europe/Paris");
    const input = { ...wall, availableTrackIds: [second.id] };

    const other = await makeShop(db);
    for (const [bad, error] of [
      [{ ...input, date: "2020-01-01" }, "date_past"],
      [{ ...input, date: "2031-02-30" }, "date_invalid"],
      [{ ...input, date: `${now.getUTCFullYear() + 5}-01-01` }, "date_too_far"],
      [{ ...input, time: "25:00" }, "date_invalid"],
      [{ ...input, availableTrackIds: [other.tracks[0].id] }, "track_unknown"],
      [{ ...input, availableTrackIds: ["../../etc"] }, "track_unknown"],
    ] as [ScheduleInput, string][]) {
      expect(await scheduleRelease(db, shop.owner.id, shop.album.id, bad, now), bad.date).toEqual({ ok: false, error });
    }
    expect((await releaseRow(shop.album.id)).releaseAt).toBeNull();
    expect((await db.select().from(tracks).where(eq(tracks.id, first.id)))[0].preorderAvailable).toBe(true);

    const saved = await scheduleRelease(db, shop.owner.id, shop.album.id, input, now);
    expect(saved.ok).toBe(true);
    expect((await releaseRow(shop.album.id)).releaseAt).toEqual(at);
    const flags = await db
      .select({ id: tracks.id, available: tracks.preorderAvailable })
      .from(tracks)
      .where(eq(tracks.releaseId, shop.album.id));
    expect(Object.fromEntries(flags.map((f) => [f.id, f.available]))).toEqual({ [first.id]: false, [second.id]: true });
    expect((await jobsFor(shop.album.id)).map((j) => new Date(j.startAfter).getTime())).toEqual([at.getTime()]);
    // No buyer was told anything: it was not yet a pre-order when its date was set.
    expect(await movedMails(shop.album.id)).toHaveLength(0);
  });

  it("moving a pre-order's date tells each buyer once per change, and the old date's job does not release it early", async () => {
    const firstAt = new Date(Math.ceil((Date.now() + 24 * HOUR) / 60_000) * 60_000);
    const shop = await preorderShop();
    await db.update(releases).set({ releaseAt: null }).where(eq(releases.id, shop.album.id));
    expect(
      (
        await scheduleRelease(db, shop.owner.id, shop.album.id, {
          ...wallClockIn(firstAt, "Europe/Paris"),
          availableTrackIds: [],
        })
      ).ok,
    ).toBe(true);
    const buyer = await buy(shop, { kind: "release", id: shop.album.id });

    const laterAt = new Date(firstAt.getTime() + 7 * 24 * HOUR);
    const moved = await scheduleRelease(db, shop.owner.id, shop.album.id, {
      ...wallClockIn(laterAt, "Europe/Paris"),
      availableTrackIds: [],
    });
    expect(moved).toMatchObject({ ok: true, moved: true, buyersTold: 1 });
    const mails = await movedMails(shop.album.id);
    expect(mails).toHaveLength(1);
    expect(mails[0].to).toBe(buyer.order.email);
    expect(mails[0].subject).toBe("New release date for Test Album");
    expect(mails[0].text).toContain(String(laterAt.getUTCFullYear()));

    // Saving the same moment again changes nothing and tells nobody.
    const same = await scheduleRelease(db, shop.owner.id, shop.album.id, {
      ...wallClockIn(laterAt, "Europe/Paris"),
      availableTrackIds: [],
    });
    expect(same).toMatchObject({ ok: true, moved: false, buyersTold: 0 });
    expect(await movedMails(shop.album.id)).toHaveLength(1);

    // The first date's job wakes up at its time: the row says later, so nothing happens.
    expect(await runReleaseJob(db, shop.album.id, new Date(firstAt.getTime() + 1000))).toBe(false);
    expect(await releaseDueReleases(db, new Date(firstAt.getTime() + 1000))).toBe(0);
    expect((await releaseRow(shop.album.id)).releasedAt).toBeNull();
    expect(await releaseMails(shop.album.id)).toHaveLength(0);
    const jobs = (await jobsFor(shop.album.id)).map((j) => new Date(j.startAfter).getTime()).sort();
    expect(jobs).toEqual([firstAt.getTime(), laterAt.getTime()]);

    // A second move is a second change: told again.
    await scheduleRelease(db, shop.owner.id, shop.album.id, {
      ...wallClockIn(firstAt, "Europe/Paris"),
      availableTrackIds: [],
    });
    expect(await movedMails(shop.album.id)).toHaveLength(2);

    // Clearing a live pre-order's date is refused: Release now is the way out early.
    expect(
      await scheduleRelease(db, shop.owner.id, shop.album.id, { date: "", time: "", availableTrackIds: [] }),
    ).toEqual({ ok: false, error: "date_required" });

    // At its moment it comes out once; after that its release day cannot change.
    expect(await runReleaseJob(db, shop.album.id, new Date(firstAt.getTime() + 1000))).toBe(true);
    expect(await releaseMails(shop.album.id)).toHaveLength(1);
    expect(
      await scheduleRelease(db, shop.owner.id, shop.album.id, {
        ...wallClockIn(laterAt, "Europe/Paris"),
        availableTrackIds: [],
      }),
    ).toEqual({ ok: false, error: "already_out" });
    expect(
      await db
        .select()
        .from(emailQueue)
        .where(and(like(emailQueue.dedupeKey, `release-%:${shop.album.id}:%`), sql`true`)),
    ).toHaveLength(3);
  });

  it("publishing a scheduled release makes a pre-order that counts against a Free shop's listing, like any release", async () => {
    const shop = await makeShop(db); // Free: its album is the one listed release.
    const [draft] = await db
      .insert(releases)
      .values({
        artistId: shop.artist.id,
        slug: unique("next"),
        title: "Next One",
        pricingMode: "fixed",
        priceAmount: 500,
        currency: "EUR",
      })
      .returning();
    await db.insert(tracks).values({
      releaseId: draft.id,
      artistId: shop.artist.id,
      position: 1,
      title: "Soon",
      masterKey: `masters/${unique("m")}.flac`,
      status: "ready",
    });
    const at = new Date(Math.ceil((Date.now() + 24 * HOUR) / 60_000) * 60_000);
    expect(
      (await scheduleRelease(db, shop.owner.id, draft.id, { ...wallClockIn(at, "UTC"), availableTrackIds: [] })).ok,
    ).toBe(true);
    expect(await setReleaseStatus(db, shop.owner.id, draft.id, "published")).toMatchObject({
      ok: false,
      error: "plan_limit",
    });
    expect((await releaseRow(draft.id)).status).toBe("draft");

    await db.update(releases).set({ listed: false }).where(eq(releases.id, shop.album.id));
    const published = await setReleaseStatus(db, shop.owner.id, draft.id, "published");
    expect(published.ok).toBe(true);
    const row = await releaseRow(draft.id);
    expect(isPreorder(row)).toBe(true);
    expect(row.releaseAt).toEqual(at);
  });
});

describe("the shop widget marks a pre-order", () => {
  it("offers the pre-order release, and its tracks, as pre-orders until it is out", async () => {
    const shop = await preorderShop();
    const marked = async () =>
      ((await loadShopWidget(db, shop.artist.slug))?.offers ?? [])
        .filter((offer) => offer.kind !== "product")
        .map((offer) => [offer.kind, offer.preorder]);
    expect(await marked()).toEqual([
      ["release", true],
      ["track", true],
      ["track", true],
    ]);
    await releaseNow(db, shop.owner.id, shop.album.id);
    expect(await marked()).toEqual([
      ["release", false],
      ["track", false],
      ["track", false],
    ]);
  });
});
