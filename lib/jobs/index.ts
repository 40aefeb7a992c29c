import PgBoss from "pg-boss";
import { eq } from "drizzle-orm";
import { createDb } from "../../db/client";
import { tracks } from "../../db/schema";
import { processTrack } from "../audio/pipeline";
import { env } from "../env";
import { logger } from "../log";

/**
 * Background work in a Postgres-backed queue (pg-boss, schema "pgboss" in the app's database):
 * no extra server, and any number of `npm run worker` processes can share the load.
 */
const TRACK_QUEUE = "track-process";
const RETRIES = { retryLimit: 2, retryDelay: 10, retryBackoff: true } as const;

type State = { boss?: Promise<PgBoss> };
const state = ((globalThis as { __merchtableJobs?: State }).__merchtableJobs ??= {});

function databaseUrl() {
  const url = env().DATABASE_URL ?? process.env.DATABASE_URL;
  if (!url) throw new Error("DATABASE_URL is not set: the job queue lives in the app's database.");
  return url;
}

async function boss(): Promise<PgBoss> {
  state.boss ??= (async () => {
    const instance = new PgBoss({ connectionString: databaseUrl(), schema: "pgboss", max: 4 });
    instance.on("error", (error) => logger.error({ err: error }, "job queue error"));
    await instance.start();
    await instance.createQueue(TRACK_QUEUE, { name: TRACK_QUEUE, ...RETRIES });
    return instance;
  })().catch((error) => {
    state.boss = undefined;
    throw error;
  });
  return state.boss;
}

/** Queues the streaming rendition and waveform of a freshly uploaded (or retried) track. */
export async function enqueueTrackProcessing(trackId: string) {
  await (await boss()).send(TRACK_QUEUE, { trackId }, { ...RETRIES, singletonKey: trackId });
}

/** Starts the workers of this process; resolves to a function that stops them gracefully. */
export async function startWorkers(): Promise<() => Promise<void>> {
  const instance = await boss();
  const { db, client } = createDb(databaseUrl(), { max: 3 });
  const concurrency = env().WORKER_CONCURRENCY;
  for (let i = 0; i < concurrency; i++) {
    await instance.work<{ trackId: string }>(
      TRACK_QUEUE,
      { batchSize: 1, pollingIntervalSeconds: 1, includeMetadata: true },
      async ([job]) => {
        const started = Date.now();
        try {
          const result = await processTrack(db, job.data.trackId);
          logger.info({ trackId: job.data.trackId, ok: result.ok, ms: Date.now() - started }, "track processed");
        } catch (error) {
          // Unexpected (database gone, disk full): pg-boss retries; the last attempt says so.
          if (job.retryCount >= job.retryLimit) {
            await db
              .update(tracks)
              .set({ status: "failed", statusError: "Processing failed several times. Press Retry, or upload the file again." })
              .where(eq(tracks.id, job.data.trackId));
          }
          throw error;
        }
      },
    );
  }
  logger.info({ concurrency }, "audio workers started");
  return async () => {
    await instance.stop({ graceful: true, timeout: 30_000 });
    state.boss = undefined;
    await client.end({ timeout: 5 });
  };
}
