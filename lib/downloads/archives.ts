import { createHash } from "node:crypto";
import { and, eq, lt, ne, sql } from "drizzle-orm";
import type { DbOrTx } from "@/db/client";
import { preparedArchives, type PreparedArchive } from "@/db/schema";
import { downloadFormat, type DownloadFormat, type DownloadFormatId } from "@/lib/audio";
import { isPreorder } from "@/lib/catalog";
import { logger } from "@/lib/log";
import { downloadJobExpirySeconds, enqueueArchive, type ArchiveJob } from "@/lib/queue";
import { IMMUTABLE, storage } from "@/lib/storage";
import { loadGrantContents, type DownloadItem, type GrantContents } from "./contents";
import { coverJpeg } from "./cover";
import { albumZipFilename, itemTrackFilename } from "./names";
import { cachedFiles, type CachedFile } from "./resolve";
import { zipStream, type ZipEntry } from "./zip";

/**
 * Album zips are built once per release, format and contents, stored as an object with its size,
 * and then served like any file (a signed address: real Content-Length, resumable ranges).
 * `version` digests everything that goes in — the tracks in order, their files (key, size, when
 * made), the names in the zip, the artist and album names, the artwork — so a zip made before a
 * track or the cover changed can never be served: its version is no longer the one asked for.
 */
export type ArchivePlan = {
  version: string;
  key: string;
  name: string;
  entries: ZipEntry[];
  artworkKey: string | null;
};

export function archivePlan(
  contents: Pick<GrantContents, "artist">,
  item: DownloadItem,
  format: DownloadFormat,
  files: CachedFile[],
): ArchivePlan {
  const mtime = item.release.releaseDate ? new Date(`${item.release.releaseDate}T12:00:00Z`) : item.release.createdAt;
  const entries = item.tracks.map((track): ZipEntry => {
    const file = files.find((f) => f.trackId === track.id);
    if (!file) throw new Error(`archive: track ${track.id} has no ${format.id} file`);
    const name = itemTrackFilename(contents.artist.name, item, track, format.extension);
    return { name, key: file.key, size: file.size, mtime };
  });
  const name = albumZipFilename({ artist: contents.artist.name, album: item.release.title, formatLabel: format.label });
  const digest = createHash("sha256")
    .update(
      JSON.stringify({
        format: format.id,
        name,
        artworkKey: item.release.artworkKey,
        mtime: mtime.toISOString(),
        tracks: item.tracks.map((track, i) => {
          const file = files.find((f) => f.trackId === track.id)!;
          return [track.id, entries[i].name, file.key, file.size, file.createdAt.getTime()];
        }),
        // A pre-order's zip (its available tracks only) is never the released album's, whatever
        // the tracks: release day changes the version. Absent otherwise, so older zips keep theirs.
        ...(isPreorder(item.release) ? { preorder: true } : {}),
      }),
    )
    .digest("hex")
    .slice(0, 20);
  return {
    version: digest,
    key: `archives/${contents.artist.id}/${item.releaseId}/${format.id}-${digest}.zip`,
    name,
    entries,
    artworkKey: item.release.artworkKey,
  };
}

/** A failure older than this is tried again when a fan asks, like a track's (lib/downloads/prepare.ts). */
const RETRY_FAILED_AFTER_MS = 10 * 60 * 1000;

export type ArchiveState =
  { state: "ready"; archive: PreparedArchive & { size: number } } | { state: "preparing" | "idle" | "failed" };

/**
 * Where this release's zip stands in this format and version. With `start`, the first caller
 * claims the row (INSERT … ON CONFLICT DO NOTHING on the unique release+format+version index) and
 * queues the one build; everyone else just reads it. `retry` re-queues a failed build.
 */
export async function archiveState(
  db: DbOrTx,
  target: { releaseId: string; format: DownloadFormat; grantId: string; plan: ArchivePlan },
  options: { start?: boolean; retry?: boolean; now?: Date } = {},
): Promise<ArchiveState> {
  const { releaseId, format, plan, grantId } = target;
  const where = and(
    eq(preparedArchives.releaseId, releaseId),
    eq(preparedArchives.format, format.id),
    eq(preparedArchives.version, plan.version),
  );
  let row: PreparedArchive | undefined = (await db.select().from(preparedArchives).where(where))[0];
  if (row?.status === "ready") {
    // A row whose object went missing (storage wiped) is made again rather than signed.
    if (row.size !== null && (await storage().stat(row.key)))
      return { state: "ready", archive: { ...row, size: row.size } };
    await db.delete(preparedArchives).where(eq(preparedArchives.id, row.id));
    row = undefined;
  }
  if (!row) {
    if (!options.start) return { state: "idle" };
    // The claim and its job commit together: a claimed row never waits without a build.
    await db.transaction(async (tx) => {
      const [claimed] = await tx
        .insert(preparedArchives)
        .values({ releaseId, format: format.id, version: plan.version, key: plan.key, status: "preparing" })
        .onConflictDoNothing({
          target: [preparedArchives.releaseId, preparedArchives.format, preparedArchives.version],
        })
        .returning({ id: preparedArchives.id });
      if (claimed) await enqueueArchive({ archiveId: claimed.id, grantId }, { tx });
    });
    return { state: "preparing" };
  }
  const age = (options.now ?? new Date()).getTime() - row.createdAt.getTime();
  if (row.status === "preparing") {
    // Its job was lost (the worker died on both of pg-boss's attempts): whoever asks next re-queues it, once.
    const lostAfterMs = 2 * downloadJobExpirySeconds() * 1000 + 60_000;
    if (options.start && age > lostAfterMs) {
      const cutoff = new Date((options.now ?? new Date()).getTime() - lostAfterMs);
      await db.transaction(async (tx) => {
        const [lost] = await tx
          .update(preparedArchives)
          .set({ createdAt: sql`now()` })
          .where(and(eq(preparedArchives.id, row.id), lt(preparedArchives.createdAt, cutoff)))
          .returning({ id: preparedArchives.id });
        if (lost) await enqueueArchive({ archiveId: lost.id, grantId }, { tx });
      });
    }
    return { state: "preparing" };
  }
  if (!options.start || (!options.retry && age < RETRY_FAILED_AFTER_MS)) return { state: "failed" };
  await db.transaction(async (tx) => {
    const [again] = await tx
      .update(preparedArchives)
      .set({ status: "preparing", error: null, createdAt: sql`now()` })
      .where(and(eq(preparedArchives.id, row.id), eq(preparedArchives.status, "failed")))
      .returning({ id: preparedArchives.id });
    if (again) await enqueueArchive({ archiveId: again.id, grantId }, { tx });
  });
  return { state: "preparing" };
}

/** Deletes the other versions of this release and format, rows and objects (a newer one is ready). */
async function dropOtherVersions(db: DbOrTx, archive: PreparedArchive) {
  const others = await db
    .delete(preparedArchives)
    .where(
      and(
        eq(preparedArchives.releaseId, archive.releaseId),
        eq(preparedArchives.format, archive.format),
        ne(preparedArchives.version, archive.version),
        ne(preparedArchives.status, "preparing"),
      ),
    )
    .returning({ key: preparedArchives.key });
  for (const other of others) await storage().delete(other.key);
}

/** What the row's release holds now, or why its zip is no longer wanted. */
async function currentPlan(db: DbOrTx, job: ArchiveJob, archive: PreparedArchive) {
  const contents = await loadGrantContents(db, job.grantId);
  const item = contents?.items.find((i) => i.releaseId === archive.releaseId && i.trackId === null);
  if (!contents || !item) return { gone: "the release left the grant" } as const;
  const format = downloadFormat(archive.format as DownloadFormatId);
  const { files, missing } = await cachedFiles(
    db,
    item.tracks.map((t) => t.id),
    format.id,
  );
  if (missing.length) throw new Error(`${missing.length} track file(s) missing`);
  const plan = archivePlan(contents, item, format, files);
  return plan.version === archive.version ? ({ plan } as const) : ({ gone: "the release changed" } as const);
}

/**
 * The job (lib/jobs): builds the claimed row's zip with zipStream (stored entries, so its size is
 * known) and stores it with putStream under its versioned key. A row whose release changed since
 * the claim is dropped; a failed build is recorded on the row, and the fan's Retry queues it again.
 */
export async function buildArchive(db: DbOrTx, job: ArchiveJob): Promise<"built" | "skipped"> {
  const [archive] = await db.select().from(preparedArchives).where(eq(preparedArchives.id, job.archiveId));
  if (!archive || archive.status !== "preparing") return "skipped";
  try {
    const found = await currentPlan(db, job, archive);
    if ("gone" in found) {
      logger.info({ archiveId: archive.id, why: found.gone }, "download archive no longer wanted");
      await db.delete(preparedArchives).where(eq(preparedArchives.id, archive.id));
      return "skipped";
    }
    const { plan } = found;
    const cover = await coverJpeg(plan.artworkKey).catch((error: Error) => {
      logger.warn({ err: error, releaseId: archive.releaseId }, "download zip: cover art skipped");
      return null;
    });
    const mtime = plan.entries[0]?.mtime ?? new Date();
    const { stream, size } = zipStream(plan.entries, cover ? [{ name: "cover.jpg", data: cover, mtime }] : []);
    const stored = await storage().putStream(archive.key, stream, {
      contentType: "application/zip",
      cacheControl: IMMUTABLE,
    });
    if (size >= 0 && stored.size !== size) throw new Error(`zip is ${stored.size} bytes, expected ${size}`);
    const [ready] = await db
      .update(preparedArchives)
      .set({ status: "ready", size: stored.size, readyAt: new Date(), error: null })
      .where(and(eq(preparedArchives.id, archive.id), eq(preparedArchives.status, "preparing")))
      .returning();
    // Discarded while it was being built (the release changed): the object has no row to serve it.
    if (!ready) {
      await storage().delete(archive.key);
      return "skipped";
    }
    await dropOtherVersions(db, ready);
    return "built";
  } catch (error) {
    logger.error({ err: error, archiveId: archive.id }, "building a download archive failed");
    await db
      .update(preparedArchives)
      .set({ status: "failed", error: (error as Error).message.slice(0, 500) })
      .where(eq(preparedArchives.id, archive.id));
    return "skipped";
  }
}
