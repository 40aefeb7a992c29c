import path from "node:path";
import type { Db, DbOrTx } from "@/db/client";
import { releases, tracks } from "@/db/schema";
import { audioKeys } from "@/lib/audio/formats";
import { ensureDownload } from "@/lib/audio/pipeline";
import { probeMaster } from "@/lib/audio/probe";
import { buildArchive } from "@/lib/downloads";
import { ARCHIVE_QUEUE, boss, type ArchiveJob } from "@/lib/queue";
import { FILE_URL_PREFIX, fileResponse, storage } from "@/lib/storage";
import { tone } from "./audio-fixtures";
import { unique } from "./factories";

/**
 * Follows a download link's 302 to where the bytes are: the local driver's /api/files route, or
 * (S3) the stand-in's presigned URL over HTTP. Throws on anything but a redirect.
 */
export async function followDownload(response: Response, headers: Record<string, string> = {}): Promise<Response> {
  if (response.status !== 302) throw new Error(`expected a redirect, got ${response.status}: ${await response.text()}`);
  const location = response.headers.get("location")!;
  if (location.startsWith(FILE_URL_PREFIX)) {
    return fileResponse(new Request(`http://test${location}`, { headers }), location.slice(FILE_URL_PREFIX.length));
  }
  return fetch(location, { headers });
}

/**
 * Runs the queued album-zip builds here, as the worker would; resolves to how many zips were
 * built (a job left over by an interrupted run finds its row done and builds nothing).
 */
export async function runArchiveJobs(db: DbOrTx): Promise<number> {
  const queue = await boss();
  let runs = 0;
  for (;;) {
    const jobs = await queue.fetch<ArchiveJob>(ARCHIVE_QUEUE, { batchSize: 50 });
    if (!jobs.length) return runs;
    for (const job of jobs) {
      if ((await buildArchive(db, job.data)) === "built") runs++;
      await queue.complete(ARCHIVE_QUEUE, job.id);
    }
  }
}

/** Archive jobs ever queued for a release (pg-boss keeps finished ones for hours). */
export async function archiveJobsFor(releaseId: string): Promise<number> {
  const { rows } = await (await boss()).getDb().executeSql(
    `select count(*)::int as n from pgboss.job j
       where j.name = $1 and j.data->>'archiveId' in (select id from prepared_archives where release_id = $2)`,
    [ARCHIVE_QUEUE, releaseId],
  );
  return (rows[0] as { n: number }).n;
}

/**
 * A published release of short FLAC tones stored as masters in the current storage, each track's
 * FLAC download already made (as after a first download). Returns its ids.
 */
export async function releaseWithFlacFiles(db: Db, dir: string, artistId: string, title: string, titles: string[]) {
  const releaseId = crypto.randomUUID();
  await db.insert(releases).values({
    id: releaseId,
    artistId,
    slug: unique("rel"),
    title,
    status: "published",
    publishedAt: new Date(),
  });
  const trackIds: string[] = [];
  for (const [i, trackTitle] of titles.entries()) {
    const file = tone(dir, unique("t"), "flac", 1, 300 + i * 110);
    const probe = await probeMaster(file);
    if (!probe.ok) throw new Error(probe.reason);
    const id = crypto.randomUUID();
    const masterKey = audioKeys.master(artistId, id, path.extname(file).slice(1));
    await storage().putFromPath(masterKey, file);
    await db.insert(tracks).values({
      id,
      releaseId,
      artistId,
      position: i + 1,
      title: trackTitle,
      masterKey,
      master: probe.info,
      durationMs: probe.durationMs,
      status: "ready",
    });
    await ensureDownload(db, id, "flac");
    trackIds.push(id);
  }
  return { releaseId, trackIds };
}
