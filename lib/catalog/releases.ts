import { randomBytes } from "node:crypto";
import { and, asc, desc, eq, sql } from "drizzle-orm";
import { isUniqueViolation, type Db, type DbOrTx } from "@/db/client";
import { releases, tracks, type Release, type Track } from "@/db/schema";
import { checkArtistAccess, slugify } from "@/lib/artists";
import { audioKeys } from "@/lib/audio";
import { imageVariants, jpegCopyKeys, processImage, type ImageProblem } from "@/lib/images";
import { hasPrice } from "@/lib/money";
import { storage } from "@/lib/storage";
import { discardPreparedArchives } from "./archives";
import { fieldErrorsOf, releaseInputSchema, type FieldErrors } from "./input";
import { writeListing } from "./listing";
import { parsePricing, type Pricing } from "./price-input";

/** The release if `userId` is a member of its band; null for anything else (no leak either way). */
export async function releaseForMember(db: DbOrTx, userId: string, releaseId: string): Promise<Release | null> {
  const [release] = await db.select().from(releases).where(eq(releases.id, releaseId));
  if (!release) return null;
  const access = await checkArtistAccess(db, userId, { id: release.artistId });
  return access.allowed ? release : null;
}

async function storeCover(artistId: string, releaseId: string, bytes: Buffer | null | undefined) {
  if (!bytes || bytes.length === 0) return { key: undefined as string | undefined };
  const result = await processImage(bytes, "cover");
  if (!result.ok) {
    const { ok: _ok, ...problem } = result;
    return { problem: problem as ImageProblem };
  }
  const key = `artists/${artistId}/releases/${releaseId}/cover-${randomBytes(6).toString("hex")}`;
  for (const variant of result.variants)
    await storage().put(`${key}-${variant.suffix}.webp`, variant.data, "image/webp");
  return { key, size: result.source };
}

/** The answer to a save whose artwork was refused: the field's reason, and the problem in full for the message. */
function coverRefused(problem: ImageProblem) {
  return {
    ok: false,
    error: "invalid",
    fieldErrors: { artwork: `image_${problem.reason}` },
    imageProblem: problem,
  } as const;
}

async function removeCover(key: string | null) {
  if (!key) return;
  for (const suffix of imageVariants("cover")) await storage().delete(`${key}-${suffix}.webp`);
  // The JPEG copy that download zips carry (lib/downloads/serve.ts), if one was made.
  await storage().delete(`${key}-zip.jpg`);
  // And the link previews' JPEG copies (app/media), made when first asked for.
  for (const copy of jpegCopyKeys(key, imageVariants("cover"))) await storage().delete(copy);
}

const slugTaken = async (db: DbOrTx, artistId: string, slug: string, ownId?: string) => {
  const [row] = await db
    .select({ id: releases.id })
    .from(releases)
    .where(and(eq(releases.artistId, artistId), eq(releases.slug, slug)));
  return Boolean(row && row.id !== ownId);
};

/** Price fields are read only when the form carries them (`pricingMode`); otherwise prices stay as they are. */
function readPricing(raw: Record<string, unknown>, currency: string, fieldErrors: FieldErrors): Partial<Pricing> {
  if (raw.pricingMode === undefined) return {};
  const result = parsePricing(raw, currency);
  if (result.ok) return result.pricing;
  Object.assign(fieldErrors, result.fieldErrors);
  return {};
}

/** A free slug for a title in this band ("first-light", then "first-light-2"…). */
export async function suggestReleaseSlug(db: DbOrTx, artistId: string, title: string) {
  const base = slugify(title) || "release";
  for (let n = 1; n < 50; n++) {
    const candidate = n === 1 ? base : `${base}-${n}`;
    if (!(await slugTaken(db, artistId, candidate))) return candidate;
  }
  return `${base}-${randomBytes(3).toString("hex")}`;
}

export async function createRelease(
  db: Db,
  userId: string,
  artistId: string,
  raw: Record<string, unknown>,
  cover?: Buffer | null,
) {
  const access = await checkArtistAccess(db, userId, { id: artistId });
  if (!access.allowed) return { ok: false, error: "not_found" } as const;
  const slug =
    typeof raw.slug === "string" && raw.slug.trim()
      ? raw.slug
      : await suggestReleaseSlug(db, artistId, String(raw.title ?? ""));
  const parsed = releaseInputSchema.safeParse({ ...raw, slug });
  const fieldErrors: FieldErrors = parsed.success ? {} : fieldErrorsOf(parsed.error);
  const pricing = readPricing(raw, access.artist.currency, fieldErrors);
  if (parsed.success && (await slugTaken(db, artistId, parsed.data.slug))) fieldErrors.slug = "slug_taken";
  if (!parsed.success || Object.keys(fieldErrors).length) return { ok: false, error: "invalid", fieldErrors } as const;
  const id = crypto.randomUUID();
  const stored = await storeCover(artistId, id, cover);
  if (stored.problem) return coverRefused(stored.problem);
  try {
    const [release] = await db
      .insert(releases)
      .values({
        id,
        artistId,
        ...parsed.data,
        ...pricing,
        artworkKey: stored.key ?? null,
        currency: access.artist.currency,
      })
      .returning();
    return { ok: true, release } as const;
  } catch (error) {
    await removeCover(stored.key ?? null);
    if (isUniqueViolation(error)) return { ok: false, error: "invalid", fieldErrors: { slug: "slug_taken" } } as const;
    throw error;
  }
}

export async function updateRelease(
  db: Db,
  userId: string,
  releaseId: string,
  raw: Record<string, unknown>,
  cover?: { bytes?: Buffer | null; remove?: boolean },
) {
  const current = await releaseForMember(db, userId, releaseId);
  if (!current) return { ok: false, error: "not_found" } as const;
  const parsed = releaseInputSchema.safeParse(raw);
  const fieldErrors: FieldErrors = parsed.success ? {} : fieldErrorsOf(parsed.error);
  // Prices are in the release's own currency. Orders keep their own unit amounts, so a new price never changes a past sale.
  const pricing = readPricing(raw, current.currency, fieldErrors);
  if (parsed.success && (await slugTaken(db, current.artistId, parsed.data.slug, current.id)))
    fieldErrors.slug = "slug_taken";
  if (!parsed.success || Object.keys(fieldErrors).length) return { ok: false, error: "invalid", fieldErrors } as const;
  const stored = await storeCover(current.artistId, current.id, cover?.bytes);
  if (stored.problem) return coverRefused(stored.problem);
  const artworkKey = stored.key ?? (cover?.remove ? null : current.artworkKey);
  const [release] = await db
    .update(releases)
    .set({ ...parsed.data, ...pricing, artworkKey })
    .where(eq(releases.id, releaseId))
    .returning();
  if (artworkKey !== current.artworkKey) await removeCover(current.artworkKey);
  if (artworkKey !== current.artworkKey || release.title !== current.title)
    await discardPreparedArchives(db, releaseId);
  /** `artworkSize`: the new artwork's own size, when one was uploaded. */
  return { ok: true, release, artworkSize: stored.size } as const;
}

export type PublishCheck =
  | { ok: true; release: Release }
  | { ok: false; error: "not_found" | "no_ready_track" | "tracks_processing" | "release_unpriced" | "taken_down" }
  | { ok: false; error: "track_unpriced"; track: { id: string; title: string } }
  | { ok: false; error: "plan_limit"; limit: number };

/**
 * Publishing needs at least one playable track, nothing still converting, and a price the band
 * chose for the release and for each track sold on its own: an item never priced would sell for
 * nothing, so giving it away must be the explicit "free" choice. A published, listed release counts
 * against a Free band's limit (lib/plans): see writeListing.
 */
export async function setReleaseStatus(
  db: Db,
  userId: string,
  releaseId: string,
  status: "draft" | "published",
  options: { listed?: boolean } = {},
): Promise<PublishCheck> {
  const current = await releaseForMember(db, userId, releaseId);
  if (!current) return { ok: false, error: "not_found" };
  if (status === "published") {
    // Only an operator brings a taken-down release back (lib/moderation restoreRelease).
    if (current.takenDownAt) return { ok: false, error: "taken_down" };
    const states = await db
      .select({
        id: tracks.id,
        title: tracks.title,
        status: tracks.status,
        pricingMode: tracks.pricingMode,
        priceAmount: tracks.priceAmount,
      })
      .from(tracks)
      .where(eq(tracks.releaseId, releaseId))
      .orderBy(asc(tracks.position));
    if (!states.some((t) => t.status === "ready")) return { ok: false, error: "no_ready_track" };
    if (states.some((t) => t.status === "processing")) return { ok: false, error: "tracks_processing" };
    if (!hasPrice(current)) return { ok: false, error: "release_unpriced" };
    const unpriced = states.find(
      (t) => t.pricingMode !== null && !hasPrice({ pricingMode: t.pricingMode, priceAmount: t.priceAmount }),
    );
    if (unpriced) return { ok: false, error: "track_unpriced", track: { id: unpriced.id, title: unpriced.title } };
  }
  return writeListing(db, current, {
    status,
    // Publishing lists the release unless asked otherwise; back to draft keeps the choice for later.
    listed: options.listed ?? (status === "published" ? true : current.listed),
  });
}

/** Every file a track owns: master, streaming rendition, clip file, cached downloads. */
export async function removeTrackFiles(track: Pick<Track, "artistId" | "id" | "masterKey" | "streamKey" | "clipKey">) {
  await storage().delete(track.masterKey);
  if (track.streamKey) await storage().delete(track.streamKey);
  if (track.clipKey) await storage().delete(track.clipKey);
  await storage().deletePrefix(audioKeys.downloadsPrefix(track.artistId, track.id));
}

export async function deleteRelease(db: Db, userId: string, releaseId: string) {
  const current = await releaseForMember(db, userId, releaseId);
  if (!current) return { ok: false, error: "not_found" } as const;
  const owned = await db.select().from(tracks).where(eq(tracks.releaseId, releaseId));
  await discardPreparedArchives(db, releaseId);
  await db.delete(releases).where(eq(releases.id, releaseId));
  for (const track of owned) await removeTrackFiles(track);
  await removeCover(current.artworkKey);
  return { ok: true } as const;
}

export type ReleaseSummary = Release & { trackCount: number; processing: number; failed: number; durationMs: number };

export async function listReleasesForArtist(db: DbOrTx, artistId: string): Promise<ReleaseSummary[]> {
  const rows = await db
    .select({
      release: releases,
      trackCount: sql<number>`count(${tracks.id})::int`,
      processing: sql<number>`count(*) filter (where ${tracks.status} = 'processing')::int`,
      failed: sql<number>`count(*) filter (where ${tracks.status} = 'failed')::int`,
      durationMs: sql<number>`coalesce(sum(${tracks.durationMs}), 0)::int`,
    })
    .from(releases)
    .leftJoin(tracks, eq(tracks.releaseId, releases.id))
    .where(eq(releases.artistId, artistId))
    .groupBy(releases.id)
    .orderBy(desc(releases.createdAt));
  return rows.map((r) => ({
    ...r.release,
    trackCount: r.trackCount,
    processing: r.processing,
    failed: r.failed,
    durationMs: r.durationMs,
  }));
}

export async function getReleaseForEdit(db: DbOrTx, userId: string, releaseId: string) {
  const release = await releaseForMember(db, userId, releaseId);
  if (!release) return null;
  const list = await db.select().from(tracks).where(eq(tracks.releaseId, releaseId)).orderBy(asc(tracks.position));
  return { release, tracks: list };
}
