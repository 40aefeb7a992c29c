import type { DbOrTx } from "@/db/client";
import { buildArchive } from "@/lib/downloads";
import { ARCHIVE_QUEUE, boss, type ArchiveJob } from "@/lib/queue";
import { FILE_URL_PREFIX, fileResponse } from "@/lib/storage";

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
