import { randomBytes } from "node:crypto";
import { asc, eq } from "drizzle-orm";
import { isInvalidParameter, isUniqueViolation, type Db } from "@/db/client";
import { rebuildDailyStats } from "@/db/queries/daily-stats";
import { artistMembers, artists, type Artist, type MemberRole } from "@/db/schema";
import { imageVariants, jpegCopyKeys, processImage, type ImageKind, type ImageProblem } from "@/lib/images";
import { deleteFile, putFile } from "@/lib/storage";
import { checkArtistAccess } from "./access";
import { artistProfileSchema, fieldErrorsOf, type FieldErrors } from "./profile-input";
import { checkSlug, slugify } from "./slug";

export type ImageUploads = Partial<Record<ImageKind, Buffer | null>> & {
  removeAvatar?: boolean;
  removeBanner?: boolean;
};

export type ProfileResult =
  | { ok: true; artist: Artist }
  | { ok: false; error: "invalid"; fieldErrors: FieldErrors; imageProblems?: Partial<Record<ImageKind, ImageProblem>> }
  | { ok: false; error: "not_found" | "forbidden" };

export function imageUrl(key: string | null, suffix: string): string | null {
  return key ? `/media/${key}-${suffix}.webp` : null;
}

async function prepareImages(uploads: ImageUploads) {
  const ready: Partial<Record<ImageKind, { suffix: string; data: Buffer }[]>> = {};
  const problems: Partial<Record<ImageKind, ImageProblem>> = {};
  for (const kind of ["avatar", "banner"] as const) {
    const bytes = uploads[kind];
    if (!bytes || bytes.length === 0) continue;
    const result = await processImage(bytes, kind);
    if (result.ok) ready[kind] = result.variants;
    else {
      const { ok: _ok, ...problem } = result;
      problems[kind] = problem;
    }
  }
  return { ready, problems };
}

async function storeImage(artistId: string, kind: ImageKind, variants: { suffix: string; data: Buffer }[]) {
  const key = `artists/${artistId}/${kind}-${randomBytes(6).toString("hex")}`;
  for (const variant of variants) await putFile(`${key}-${variant.suffix}.webp`, variant.data);
  return key;
}

async function removeImage(key: string | null, kind: ImageKind) {
  if (!key) return;
  for (const suffix of imageVariants(kind)) await deleteFile(`${key}-${suffix}.webp`);
  for (const copy of jpegCopyKeys(key, imageVariants(kind))) await deleteFile(copy);
}

function invalid(fieldErrors: FieldErrors, problems?: Partial<Record<ImageKind, ImageProblem>>): ProfileResult {
  return { ok: false, error: "invalid", fieldErrors, imageProblems: problems };
}

/**
 * Validates everything (fields, slug availability, image bytes) before writing anything, so a
 * refused form leaves no trace.
 */
async function validate(db: Db, raw: Record<string, unknown>, uploads: ImageUploads, ownId?: string) {
  const parsed = artistProfileSchema.safeParse(raw);
  const fieldErrors: FieldErrors = parsed.success ? {} : fieldErrorsOf(parsed.error);
  const { ready, problems } = await prepareImages(uploads);
  for (const kind of Object.keys(problems)) fieldErrors[kind] = `image_${problems[kind as ImageKind]!.reason}`;
  if (parsed.success) {
    const [taken] = await db
      .select({ id: artists.id })
      .from(artists)
      .where(eq(artists.slug, parsed.data.slug))
      .limit(1);
    if (taken && taken.id !== ownId) fieldErrors.slug = "slug_taken";
  }
  return { parsed, fieldErrors, ready, problems };
}

export async function createArtist(
  db: Db,
  userId: string,
  raw: Record<string, unknown>,
  uploads: ImageUploads = {},
): Promise<ProfileResult> {
  const { parsed, fieldErrors, ready, problems } = await validate(db, raw, uploads);
  if (!parsed.success || Object.keys(fieldErrors).length > 0) return invalid(fieldErrors, problems);
  try {
    const artist = await db.transaction(async (tx) => {
      const [created] = await tx.insert(artists).values(parsed.data).returning();
      await tx.insert(artistMembers).values({ artistId: created.id, userId, role: "owner" });
      const avatarKey = ready.avatar ? await storeImage(created.id, "avatar", ready.avatar) : null;
      const bannerKey = ready.banner ? await storeImage(created.id, "banner", ready.banner) : null;
      if (!avatarKey && !bannerKey) return created;
      const [withImages] = await tx
        .update(artists)
        .set({ avatarKey, bannerKey })
        .where(eq(artists.id, created.id))
        .returning();
      return withImages;
    });
    return { ok: true, artist };
  } catch (error) {
    // Two sign-ups racing for the same slug: the unique index decides.
    if (isUniqueViolation(error)) return invalid({ slug: "slug_taken" });
    throw error;
  }
}

export async function updateArtistProfile(
  db: Db,
  userId: string,
  artistId: string,
  raw: Record<string, unknown>,
  uploads: ImageUploads = {},
): Promise<ProfileResult> {
  const access = await checkArtistAccess(db, userId, { id: artistId });
  if (!access.allowed) return { ok: false, error: access.reason === "not_found" ? "not_found" : "forbidden" };
  const { parsed, fieldErrors, ready, problems } = await validate(db, raw, uploads, artistId);
  if (!parsed.success || Object.keys(fieldErrors).length > 0) return invalid(fieldErrors, problems);
  const current = access.artist;
  // Colour and banner layout are Pro options: a Free band keeps what it saved (shown again after
  // an upgrade) and a change is refused as a whole, before anything is written.
  const layout = parsed.data.bannerLayout ?? current.bannerLayout;
  if (current.plan !== "pro" && (parsed.data.accentColor !== current.accentColor || layout !== current.bannerLayout))
    return invalid({ accentColor: "pro_only" });
  const avatarKey = ready.avatar
    ? await storeImage(artistId, "avatar", ready.avatar)
    : uploads.removeAvatar
      ? null
      : current.avatarKey;
  const bannerKey = ready.banner
    ? await storeImage(artistId, "banner", ready.banner)
    : uploads.removeBanner
      ? null
      : current.bannerKey;
  try {
    const artist = await db.transaction(async (tx) => {
      const [updated] = await tx
        .update(artists)
        .set({ ...parsed.data, avatarKey, bannerKey })
        .where(eq(artists.id, artistId))
        .returning();
      // The daily figures are cut in the band's zone: recount them in the new one, in the same transaction.
      if (updated.timeZone !== current.timeZone) await rebuildDailyStats(tx, artistId);
      return updated;
    });
    if (avatarKey !== current.avatarKey) await removeImage(current.avatarKey, "avatar");
    if (bannerKey !== current.bannerKey) await removeImage(current.bannerKey, "banner");
    return { ok: true, artist };
  } catch (error) {
    if (isUniqueViolation(error)) return invalid({ slug: "slug_taken" });
    // A zone the runtime knows but the database's tz data does not (or the reverse): nothing changed.
    if (isInvalidParameter(error)) return invalid({ timeZone: "time_zone_invalid" });
    throw error;
  }
}

export async function getArtistBySlug(db: Db, slug: string): Promise<Artist | undefined> {
  const [artist] = await db.select().from(artists).where(eq(artists.slug, slug.toLowerCase())).limit(1);
  return artist;
}

export async function listArtistsForUser(db: Db, userId: string): Promise<(Artist & { role: MemberRole })[]> {
  const rows = await db
    .select({ artist: artists, role: artistMembers.role })
    .from(artistMembers)
    .innerJoin(artists, eq(artists.id, artistMembers.artistId))
    .where(eq(artistMembers.userId, userId))
    .orderBy(asc(artists.name));
  return rows.map((r) => ({ ...r.artist, role: r.role }));
}

/** A free slug close to the band's name: "the-band", then "the-band-2", … */
export async function suggestSlug(db: Db, name: string): Promise<string> {
  const base = slugify(name) || "band";
  const padded = base.length < 2 ? `${base}-band` : base;
  for (let n = 1; n < 50; n++) {
    const candidate = n === 1 ? padded : `${padded.slice(0, 36)}-${n}`;
    if (!checkSlug(candidate).ok) continue;
    const [taken] = await db.select({ id: artists.id }).from(artists).where(eq(artists.slug, candidate)).limit(1);
    if (!taken) return candidate;
  }
  return `${padded.slice(0, 30)}-${randomBytes(3).toString("hex")}`;
}
