import { readdir } from "node:fs/promises";
import path from "node:path";
import { eq } from "drizzle-orm";
import sharp from "sharp";
import { describe, expect, it } from "vitest";
import { artistMembers, artists } from "@/db/schema";
import { createArtist, suggestSlug, updateArtistProfile } from "@/lib/artists";
import { makeArtist, makeUser, unique, useTestDb } from "@/tests/support/factories";

const db = useTestDb();
const profile = (overrides: Record<string, string> = {}) => ({
  name: "Night Swimmers",
  slug: unique("night-swimmers"),
  location: "Nantes",
  bio: "Surf pop.",
  links: "https://nightswimmers.example",
  currency: "EUR",
  accentColor: "#224488",
  ...overrides,
});
const picture = () =>
  sharp({ create: { width: 800, height: 800, channels: 3, background: "#336699" } })
    .jpeg()
    .toBuffer();
const storedFiles = async (artistId: string) =>
  readdir(path.join(process.env.STORAGE_DIR ?? ".data/storage", "artists", artistId)).catch(() => [] as string[]);
const countArtists = async (slug: string) => (await db.select().from(artists).where(eq(artists.slug, slug))).length;

describe("a band opens its shop", () => {
  it("creates the artist with its creator as owner and stores re-encoded pictures", async () => {
    const user = await makeUser(db);
    const result = await createArtist(db, user.id, profile(), { avatar: await picture(), banner: await picture() });
    if (!result.ok) throw new Error(JSON.stringify(result));
    expect(result.artist).toMatchObject({ name: "Night Swimmers", location: "Nantes", currency: "EUR" });
    expect(result.artist.avatarKey).toMatch(/^artists\/.+\/avatar-[0-9a-f]{12}$/);
    const [member] = await db.select().from(artistMembers).where(eq(artistMembers.artistId, result.artist.id));
    expect(member).toMatchObject({ userId: user.id, role: "owner" });
    expect((await storedFiles(result.artist.id)).sort()).toHaveLength(4);
  });

  it("lets one person run several bands", async () => {
    const user = await makeUser(db);
    expect((await createArtist(db, user.id, profile())).ok).toBe(true);
    expect((await createArtist(db, user.id, profile({ name: "Side Project" }))).ok).toBe(true);
    expect(await db.select().from(artistMembers).where(eq(artistMembers.userId, user.id))).toHaveLength(2);
  });
});

describe("bad input changes nothing", () => {
  it("a slug of 'api' is refused as reserved", async () => {
    const user = await makeUser(db);
    const result = await createArtist(db, user.id, profile({ slug: "api" }));
    expect(result).toMatchObject({ ok: false, error: "invalid", fieldErrors: { slug: "slug_reserved" } });
    expect(await db.select().from(artistMembers).where(eq(artistMembers.userId, user.id))).toHaveLength(0);
  });

  it("an empty name is refused", async () => {
    const user = await makeUser(db);
    const slug = unique("nameless");
    expect(await createArtist(db, user.id, profile({ name: "   ", slug }))).toMatchObject({
      ok: false,
      fieldErrors: { name: "name_required" },
    });
    expect(await countArtists(slug)).toBe(0);
  });

  it("a duplicate slug is refused, also when two sign-ups race for it", async () => {
    const [a, b] = [await makeUser(db), await makeUser(db)];
    const slug = unique("taken");
    await makeArtist(db, a.id, { slug });
    expect(await createArtist(db, b.id, profile({ slug }))).toMatchObject({
      ok: false,
      fieldErrors: { slug: "slug_taken" },
    });

    const raced = unique("raced");
    const results = await Promise.all([a, b].map((u) => createArtist(db, u.id, profile({ slug: raced }))));
    expect(results.filter((r) => r.ok)).toHaveLength(1);
    expect(results.find((r) => !r.ok)).toMatchObject({ fieldErrors: { slug: "slug_taken" } });
    expect(await countArtists(raced)).toBe(1);
  });

  it("an 'image' that is really a text file is refused and no band is created", async () => {
    const user = await makeUser(db);
    const slug = unique("textfile");
    const result = await createArtist(db, user.id, profile({ slug }), { avatar: Buffer.from("just some notes\n") });
    expect(result).toMatchObject({
      ok: false,
      fieldErrors: { avatar: "image_not_image" },
      imageProblems: { avatar: { reason: "not_image", looksLike: "text" } },
    });
    expect(await countArtists(slug)).toBe(0);
  });

  it("a 50 MB image is refused and no band is created", async () => {
    const user = await makeUser(db);
    const slug = unique("huge");
    const huge = Buffer.concat([await picture(), Buffer.alloc(50 * 1024 * 1024)]);
    const result = await createArtist(db, user.id, profile({ slug }), { banner: huge });
    expect(result).toMatchObject({ ok: false, fieldErrors: { banner: "image_too_large" } });
    expect(await countArtists(slug)).toBe(0);
  });

  it("a bad picture on the settings page keeps the old profile and pictures", async () => {
    const user = await makeUser(db);
    const created = await createArtist(db, user.id, profile(), { avatar: await picture() });
    if (!created.ok) throw new Error("setup failed");
    const result = await updateArtistProfile(
      db,
      user.id,
      created.artist.id,
      profile({ name: "Renamed", slug: created.artist.slug }),
      {
        avatar: Buffer.from("%PDF-1.7 not a picture"),
      },
    );
    expect(result).toMatchObject({ ok: false, fieldErrors: { avatar: "image_not_image" } });
    const [after] = await db.select().from(artists).where(eq(artists.id, created.artist.id));
    expect(after.name).toBe("Night Swimmers");
    expect(after.avatarKey).toBe(created.artist.avatarKey);
  });
});

describe("profile updates", () => {
  it("replace a picture and delete the old files", async () => {
    const user = await makeUser(db);
    const created = await createArtist(db, user.id, profile(), { avatar: await picture() });
    if (!created.ok) throw new Error("setup failed");
    const updated = await updateArtistProfile(db, user.id, created.artist.id, profile({ slug: created.artist.slug }), {
      avatar: await picture(),
    });
    if (!updated.ok) throw new Error(JSON.stringify(updated));
    expect(updated.artist.avatarKey).not.toBe(created.artist.avatarKey);
    const files = await storedFiles(created.artist.id);
    expect(files.every((f) => f.startsWith(updated.artist.avatarKey!.split("/").pop()!))).toBe(true);
  });

  it("suggest a free address when the obvious one is taken", async () => {
    const user = await makeUser(db);
    const name = unique("Echo Park");
    const first = await suggestSlug(db, name);
    await makeArtist(db, user.id, { slug: first });
    expect(await suggestSlug(db, name)).toBe(`${first}-2`);
    expect(await suggestSlug(db, "API")).toBe("api-2");
  });
});
