import { describe, expect, it } from "vitest";
import { releases, tracks, type MasterInfo } from "@/db/schema";
import { getPublishedRelease, getReleaseForPreview, listPublishedReleases } from "@/lib/catalog/public";
import { addMember, makeArtist, makeUser, unique, useTestDb } from "@/tests/support/factories";

// The data behind the release page and the shop's release grid (lib/catalog/public.ts).
const db = useTestDb();

const flac: MasterInfo = {
  container: "flac",
  lossless: true,
  sampleRate: 44100,
  bitsPerSample: 16,
  channels: 2,
  bitrate: null,
};
const mp3: MasterInfo = {
  container: "mp3",
  lossless: false,
  sampleRate: 44100,
  bitsPerSample: null,
  channels: 2,
  bitrate: 320000,
};

async function band() {
  const owner = await makeUser(db);
  // Pro: these bands publish several releases (a Free band lists one).
  return { owner, artist: await makeArtist(db, owner.id, { plan: "pro" }) };
}

async function release(artistId: string, values: Partial<typeof releases.$inferInsert> = {}) {
  const status = values.status ?? "published";
  const [row] = await db
    .insert(releases)
    .values({
      artistId,
      slug: unique("rel"),
      title: "Untitled",
      status,
      publishedAt: status === "published" ? new Date() : null,
      ...values,
    })
    .returning();
  return row;
}

async function track(
  r: { id: string; artistId: string },
  position: number,
  values: Partial<typeof tracks.$inferInsert> = {},
) {
  const [row] = await db
    .insert(tracks)
    .values({
      releaseId: r.id,
      artistId: r.artistId,
      position,
      title: `Track ${position}`,
      masterKey: "masters/x",
      master: flac,
      status: "ready",
      streamKey: "streams/x.mp3",
      ...values,
    })
    .returning();
  return row;
}

describe("a release page's data", () => {
  it("lists tracks in the band's order with what each one lets a fan hear", async () => {
    const { artist } = await band();
    const r = await release(artist.id, { title: "Night Bus" });
    await track(r, 3, { title: "Third", streaming: "off" });
    await track(r, 1, { title: "First", peaks: [0.1, 0.9] });
    await track(r, 2, { title: "Second", streaming: "clip", clipSeconds: 20 });
    await track(r, 4, { title: "Fourth", status: "processing", streamKey: null });

    const page = await getPublishedRelease(db, artist.slug.toUpperCase(), r.slug);
    expect(page?.artist.id).toBe(artist.id);
    expect(page?.release.title).toBe("Night Bus");
    expect(page?.isDraft).toBe(false);
    expect(page?.tracks.map((t) => [t.title, t.playback])).toEqual([
      ["First", "full"],
      ["Second", "clip"],
      ["Third", "off"],
      ["Fourth", "unavailable"],
    ]);
    expect(page?.tracks[0].peaks).toEqual([0.1, 0.9]);
    expect(page?.tracks[1].peaks).toBeNull();
  });

  it("offers every format from lossless masters, and only lossy ones when any master is lossy", async () => {
    const { artist } = await band();
    const lossless = await release(artist.id);
    await track(lossless, 1);
    await track(lossless, 2);
    const losslessPage = await getPublishedRelease(db, artist.slug, lossless.slug);
    expect(losslessPage?.formats.map((f) => f.id)).toEqual([
      "mp3-320",
      "mp3-v0",
      "flac",
      "aac",
      "ogg",
      "opus",
      "alac",
      "wav",
      "aiff",
    ]);
    expect(losslessPage?.lossyMaster).toBe(false);

    const mixed = await release(artist.id);
    await track(mixed, 1);
    await track(mixed, 2, { master: mp3 });
    const mixedPage = await getPublishedRelease(db, artist.slug, mixed.slug);
    expect(mixedPage?.formats.every((f) => !f.lossless)).toBe(true);
    expect(mixedPage?.lossyMaster).toBe(true);
  });

  it("hides drafts from everyone but the band's members", async () => {
    const { owner, artist } = await band();
    const draft = await release(artist.id, { status: "draft" });
    await track(draft, 1);
    const member = await makeUser(db);
    await addMember(db, artist.id, member.id);
    const stranger = await makeUser(db);

    expect(await getPublishedRelease(db, artist.slug, draft.slug)).toBeNull();
    expect(await getReleaseForPreview(db, stranger.id, artist.slug, draft.slug)).toBeNull();
    expect((await getReleaseForPreview(db, owner.id, artist.slug, draft.slug))?.isDraft).toBe(true);
    expect((await getReleaseForPreview(db, member.id, artist.slug, draft.slug))?.tracks).toHaveLength(1);
    expect(await getReleaseForPreview(db, owner.id, artist.slug, "no-such-release")).toBeNull();
  });

  it("does not find one band's release under another band's address", async () => {
    const a = await band();
    const b = await band();
    const r = await release(a.artist.id);
    expect(await getPublishedRelease(db, b.artist.slug, r.slug)).toBeNull();
  });
});

describe("a shop's release grid", () => {
  it("shows published, listed releases only, newest first", async () => {
    const { artist } = await band();
    await release(artist.id, { title: "Old", releaseDate: "2019-04-01" });
    await release(artist.id, { title: "New", releaseDate: "2025-09-12" });
    await release(artist.id, { title: "Draft", status: "draft", releaseDate: "2026-01-01" });
    await release(artist.id, { title: "Middle", releaseDate: "2022-02-02" });
    // Unlisted (past a Free plan's limit after a downgrade): its page works, the grid leaves it out.
    await release(artist.id, { title: "Unlisted", listed: false, releaseDate: "2026-02-02" });
    expect((await listPublishedReleases(db, artist.id)).map((r) => r.title)).toEqual(["New", "Middle", "Old"]);
  });

  it("is empty for a band with nothing published", async () => {
    const { artist } = await band();
    await release(artist.id, { status: "draft" });
    expect(await listPublishedReleases(db, artist.id)).toEqual([]);
  });
});
