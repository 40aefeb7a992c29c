import PgBoss from "pg-boss";
import type { TransactionSql } from "postgres";
import type { Tx } from "@/db/client";
import type { DownloadFormatId } from "@/lib/audio";
import { env } from "@/lib/env";
import { logger } from "@/lib/log";
import { downloadJobExpirySeconds, trackJobExpirySeconds } from "./expiry";

export { downloadJobExpirySeconds } from "./expiry";

/**
 * Background work in a Postgres-backed queue (pg-boss, schema "pgboss" in the app's database):
 * no extra server, and any number of `npm run worker` processes can share the load.
 */
export const TRACK_QUEUE = "track-process";
const RETRIES = { retryLimit: 2, retryDelay: 10, retryBackoff: true } as const;
/**
 * Download formats a fan asked for and that are not cached yet (lib/downloads/prepare.ts). The
 * "short" policy keeps at most one queued job per track and format however often the page asks.
 */
export const DOWNLOAD_QUEUE = "download-prepare";
const DOWNLOAD_RETRIES = { retryLimit: 1, retryDelay: 5 } as const;
/**
 * Clip files to cut (lib/audio/clip.ts) after a band sets a track to "clip" or changes its
 * length. "stately" per track: one waiting, one running; the job reads the track's current
 * wishes, so the waiting one covers every change made meanwhile.
 */
export const CLIP_QUEUE = "track-clip";
const CLIP_RETRIES = { retryLimit: 2, retryDelay: 5, retryBackoff: true } as const;
/**
 * Album zips built once per release, format and contents (lib/downloads/archives.ts). Not a
 * singleton queue: the prepared_archives row claimed with INSERT … ON CONFLICT DO NOTHING decides
 * who queues the one job, however many fans ask at once.
 */
export const ARCHIVE_QUEUE = "download-archive";
const ARCHIVE_RETRIES = { retryLimit: 1, retryDelay: 5 } as const;
/**
 * A gift card's e-mail to its recipient, sent on the date the buyer chose (startAfter); the
 * "gift-deliver-due" chore catches any job lost, and delivered_at makes a second run a no-op.
 */
export const GIFT_DELIVERY_QUEUE = "gift-deliver";
const GIFT_DELIVERY_RETRIES = { retryLimit: 3, retryDelay: 60, retryBackoff: true } as const;
/**
 * A fan's whole-collection download (lib/collection/exports.ts): the job looks at where each
 * release's archive stands and queues itself again a few seconds later until all are ready.
 * "stately" per export: one waiting, one running, however often the chore or the job re-queues it.
 */
export const COLLECTION_EXPORT_QUEUE = "collection-export";
const COLLECTION_EXPORT_RETRIES = { retryLimit: 3, retryDelay: 10 } as const;
/** Chores are not retried (the next minute's run is the retry); "stately": one queued, one running. */
export const CHORE_QUEUE = { policy: "stately", retryLimit: 0, expireInSeconds: 300 } as const;

type State = { boss?: Promise<PgBoss> };
const state = ((globalThis as { __merchtableJobs?: State }).__merchtableJobs ??= {});

export function databaseUrl() {
  const url = env().DATABASE_URL;
  if (!url) throw new Error("DATABASE_URL is not set: the job queue lives in the app's database.");
  return url;
}

export async function boss(): Promise<PgBoss> {
  state.boss ??= (async () => {
    // Expired jobs (their worker died) go back to the queue at the next maintenance run.
    const maintenanceIntervalSeconds = Math.min(30, env().JOB_EXPIRE_SECONDS ?? 30);
    const instance = new PgBoss({
      connectionString: databaseUrl(),
      schema: "pgboss",
      max: 4,
      maintenanceIntervalSeconds,
    });
    instance.on("error", (error) => logger.error({ err: error }, "job queue error"));
    await instance.start();
    await instance.createQueue(TRACK_QUEUE, { name: TRACK_QUEUE, ...RETRIES });
    await instance.createQueue(DOWNLOAD_QUEUE, { name: DOWNLOAD_QUEUE, policy: "short", ...DOWNLOAD_RETRIES });
    await instance.createQueue(CLIP_QUEUE, { name: CLIP_QUEUE, policy: "stately", ...CLIP_RETRIES });
    await instance.createQueue(ARCHIVE_QUEUE, { name: ARCHIVE_QUEUE, ...ARCHIVE_RETRIES });
    await instance.createQueue(ALBUM_GIFT_QUEUE, { name: ALBUM_GIFT_QUEUE, ...ALBUM_GIFT_RETRIES });
    await instance.createQueue(GIFT_DELIVERY_QUEUE, { name: GIFT_DELIVERY_QUEUE, ...GIFT_DELIVERY_RETRIES });
    await instance.createQueue(NEWS_SEND_QUEUE, { name: NEWS_SEND_QUEUE, ...NEWS_SEND_RETRIES });
    await instance.createQueue(COLLECTION_EXPORT_QUEUE, {
      name: COLLECTION_EXPORT_QUEUE,
      policy: "stately",
      ...COLLECTION_EXPORT_RETRIES,
    });
    await instance.createQueue(RELEASE_DAY_QUEUE, { name: RELEASE_DAY_QUEUE, ...RELEASE_DAY_RETRIES });
    return instance;
  })().catch((error) => {
    state.boss = undefined;
    throw error;
  });
  return state.boss;
}

/**
 * pg-boss's SQL run on the caller's transaction, so a job exists exactly when the row that needs
 * it was committed. drizzle's postgres-js transaction keeps its postgres.js handle in `session`.
 */
function onTransaction(tx: Tx): PgBoss.Db {
  const client = (tx as unknown as { session?: { client?: TransactionSql } }).session?.client;
  if (!client || typeof client.unsafe !== "function")
    throw new Error("enqueue: the transaction handle has no postgres.js client");
  // Parameters as node-postgres (pg-boss's own driver) sends them: objects as JSON, undefined as null.
  const param = (v: unknown) =>
    v === undefined ? null : v !== null && typeof v === "object" && !(v instanceof Date) ? JSON.stringify(v) : v;
  return { executeSql: async (text, values) => ({ rows: await client.unsafe(text, values.map(param) as never[]) }) };
}

/**
 * Queues the streaming rendition and waveform of a freshly uploaded (or retried) track, inside
 * the transaction that marks it "processing" when one is given. Its expiry scales with the audio.
 */
export async function enqueueTrackProcessing(trackId: string, options: { durationMs?: number | null; tx?: Tx } = {}) {
  await (
    await boss()
  ).send(
    TRACK_QUEUE,
    { trackId },
    {
      ...RETRIES,
      singletonKey: trackId,
      expireInSeconds: trackJobExpirySeconds(options.durationMs ?? null),
      ...(options.tx ? { db: onTransaction(options.tx) } : {}),
    },
  );
}

/** Queues the cutting of a track's clip file, in the caller's transaction when one is given. */
export async function enqueueClip(trackId: string, options: { tx?: Tx } = {}) {
  await (
    await boss()
  ).send(
    CLIP_QUEUE,
    { trackId },
    { ...CLIP_RETRIES, singletonKey: trackId, ...(options.tx ? { db: onTransaction(options.tx) } : {}) },
  );
}

export type DownloadJob = { trackId: string; format: DownloadFormatId };
export type JobState = "created" | "retry" | "active" | "completed" | "cancelled" | "failed";

export const downloadJobKey = (job: DownloadJob) => `${job.trackId}:${job.format}`;

/** Queues one track in one download format (a no-op while the same one is already queued). */
export async function enqueueDownloadPreparation(job: DownloadJob) {
  await (
    await boss()
  ).send(DOWNLOAD_QUEUE, job, {
    ...DOWNLOAD_RETRIES,
    singletonKey: downloadJobKey(job),
    expireInSeconds: downloadJobExpirySeconds(),
  });
}

export type ArchiveJob = { archiveId: string; grantId: string };

/**
 * Queues the build of one claimed prepared_archives row (called once, by whoever claimed it), in
 * the claiming transaction, so a claimed row always has its job.
 */
export async function enqueueArchive(job: ArchiveJob, options: { tx?: Tx } = {}) {
  await (
    await boss()
  ).send(ARCHIVE_QUEUE, job, {
    ...ARCHIVE_RETRIES,
    expireInSeconds: downloadJobExpirySeconds(),
    ...(options.tx ? { db: onTransaction(options.tx) } : {}),
  });
}

export type GiftDeliveryJob = { cardId: string; locale: string };

/** Queues a gift card's delivery for its date, in the transaction that issued the card. */
export async function enqueueGiftDelivery(job: GiftDeliveryJob, startAfter: Date, options: { tx?: Tx } = {}) {
  await (
    await boss()
  ).send(GIFT_DELIVERY_QUEUE, job, {
    ...GIFT_DELIVERY_RETRIES,
    startAfter,
    singletonKey: job.cardId,
    ...(options.tx ? { db: onTransaction(options.tx) } : {}),
  });
}

/**
 * The newest job of each track and format, if pg-boss still keeps one (finished jobs stay a few
 * hours), so the download page can tell "being made" from "failed".
 */
export async function downloadPreparationStates(
  jobs: DownloadJob[],
): Promise<Map<string, { state: JobState; createdOn: Date }>> {
  const states = new Map<string, { state: JobState; createdOn: Date }>();
  if (!jobs.length) return states;
  const { rows } = await (await boss()).getDb().executeSql(
    `select distinct on (singleton_key) singleton_key as key, state::text as state, created_on as "createdOn"
       from pgboss.job where name = $1 and singleton_key = any($2::text[])
      order by singleton_key, created_on desc`,
    [DOWNLOAD_QUEUE, jobs.map(downloadJobKey)],
  );
  for (const row of rows as { key: string; state: JobState; createdOn: Date }[])
    states.set(row.key, { state: row.state, createdOn: new Date(row.createdOn) });
  return states;
}

/** Forgets the stopped instance, so the next call to boss() starts a fresh one. */
export function forgetBoss() {
  state.boss = undefined;
}

/**
 * Album gifts e-mailed to their recipient on a chosen day (lib/orders/gift-delivery.ts): one job
 * per order, started at its time. The job only triggers delivery; a per-minute chore sends any
 * that a job missed, and the order's conditional UPDATE sends each once.
 */
export const ALBUM_GIFT_QUEUE = "album-gift-deliver";
const ALBUM_GIFT_RETRIES = { retryLimit: 3, retryDelay: 60 } as const;

export async function enqueueAlbumGiftDelivery(orderId: string, startAfter: Date, options: { tx?: Tx } = {}) {
  await (
    await boss()
  ).send(
    ALBUM_GIFT_QUEUE,
    { orderId },
    {
      ...ALBUM_GIFT_RETRIES,
      singletonKey: orderId,
      startAfter,
      ...(options.tx ? { db: onTransaction(options.tx) } : {}),
    },
  );
}

/**
 * A band's news post mailed to its fans in batches (lib/news/mailing.ts). The job only starts the
 * sending; the post_deliveries rows decide who gets what, once, and the "news-send-resume" chore
 * carries on any mailing a job left unfinished.
 */
export const NEWS_SEND_QUEUE = "news-send";
const NEWS_SEND_RETRIES = { retryLimit: 2, retryDelay: 60 } as const;

export async function enqueueNewsSend(postId: string, options: { tx?: Tx } = {}) {
  await (
    await boss()
  ).send(
    NEWS_SEND_QUEUE,
    { postId },
    { ...NEWS_SEND_RETRIES, singletonKey: postId, ...(options.tx ? { db: onTransaction(options.tx) } : {}) },
  );
}

export type CollectionExportJob = { exportId: string };

/** Queues (or re-queues, `startAfterSeconds` later) a collection export's next look, in `tx` when given. */
export async function enqueueCollectionExport(
  job: CollectionExportJob,
  options: { tx?: Tx; startAfterSeconds?: number } = {},
) {
  await (
    await boss()
  ).send(COLLECTION_EXPORT_QUEUE, job, {
    ...COLLECTION_EXPORT_RETRIES,
    singletonKey: job.exportId,
    ...(options.startAfterSeconds ? { startAfter: options.startAfterSeconds } : {}),
    ...(options.tx ? { db: onTransaction(options.tx) } : {}),
  });
}

/**
 * A scheduled release comes out at its moment (lib/release-day): one job per scheduling, started
 * at releaseAt. The job only triggers; it re-reads the row, so a job left from an earlier date
 * does nothing early, and the "release-day-due" minute chore releases whatever a job missed.
 */
export const RELEASE_DAY_QUEUE = "release-day-publish";
const RELEASE_DAY_RETRIES = { retryLimit: 3, retryDelay: 30 } as const;

export async function enqueueReleaseDay(releaseId: string, startAfter: Date, options: { tx?: Tx } = {}) {
  await (
    await boss()
  ).send(
    RELEASE_DAY_QUEUE,
    { releaseId },
    { ...RELEASE_DAY_RETRIES, startAfter, ...(options.tx ? { db: onTransaction(options.tx) } : {}) },
  );
}
