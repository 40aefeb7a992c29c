import { eq } from "drizzle-orm";
import { createDb } from "@/db/client";
import { tracks } from "@/db/schema";
import { ensureClip, ensureDownload, processTrack } from "@/lib/audio";
import { runCollectionExportJob } from "@/lib/collection";
import { deliverGiftCard } from "@/lib/credit";
import { buildArchive } from "@/lib/downloads";
import { deliverSoon } from "@/lib/email";
import { env } from "@/lib/env";
import { logger } from "@/lib/log";
import { sendPostMailing } from "@/lib/news";
import { deliverGift } from "@/lib/orders/gift-delivery";
import {
  ALBUM_GIFT_QUEUE,
  ARCHIVE_QUEUE,
  boss,
  CHORE_QUEUE,
  CLIP_QUEUE,
  COLLECTION_EXPORT_QUEUE,
  databaseUrl,
  DOWNLOAD_QUEUE,
  forgetBoss,
  GIFT_DELIVERY_QUEUE,
  NEWS_SEND_QUEUE,
  RELEASE_DAY_QUEUE,
  TRACK_QUEUE,
  type ArchiveJob,
  type CollectionExportJob,
  type DownloadJob,
  type GiftDeliveryJob,
} from "@/lib/queue";
import { runReleaseJob } from "@/lib/release-day";
import { EXCHANGE_RATES_QUEUE, exchangeRatesStale } from "./exchange-rates";
import { CHORES } from "./housekeeping";

/**
 * Starts the workers of this process (audio, downloads, and the every-minute chores of
 * ./housekeeping.ts); resolves to a function that stops them gracefully.
 */
export { exchangeRatesStale, refreshExchangeRates, type RatesRefresh } from "./exchange-rates";

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
              .set({
                status: "failed",
                statusError: "Processing failed several times. Press Retry, or upload the file again.",
              })
              .where(eq(tracks.id, job.data.trackId));
          }
          throw error;
        }
      },
    );
    await instance.work<DownloadJob>(DOWNLOAD_QUEUE, { batchSize: 1, pollingIntervalSeconds: 1 }, async ([job]) => {
      const started = Date.now();
      try {
        const file = await ensureDownload(db, job.data.trackId, job.data.format);
        logger.info({ ...job.data, bytes: file.size, ms: Date.now() - started }, "download format prepared");
      } catch (error) {
        // pg-boss retries once, then the download page shows the failure to the fan.
        logger.error({ err: error, ...job.data }, "preparing a download format failed");
        throw error;
      }
    });
    await instance.work<{ trackId: string }>(CLIP_QUEUE, { batchSize: 1, pollingIntervalSeconds: 1 }, async ([job]) => {
      try {
        const result = await ensureClip(db, job.data.trackId);
        if (result.made) logger.info({ trackId: job.data.trackId, bytes: result.size }, "clip cut");
      } catch (error) {
        // The clip plays meanwhile through the app, cut at its length; pg-boss retries.
        logger.error({ err: error, trackId: job.data.trackId }, "cutting a clip failed");
        throw error;
      }
    });
    // A release's zip, once its tracks' files exist: failures are recorded on its row (Retry re-queues).
    await instance.work<ArchiveJob>(ARCHIVE_QUEUE, { batchSize: 1, pollingIntervalSeconds: 1 }, async ([job]) => {
      const started = Date.now();
      const outcome = await buildArchive(db, job.data);
      logger.info({ ...job.data, outcome, ms: Date.now() - started }, "download archive");
    });
    await instance.work<GiftDeliveryJob>(
      GIFT_DELIVERY_QUEUE,
      { batchSize: 1, pollingIntervalSeconds: 5 },
      async ([job]) => {
        const sent = await db.transaction((tx) => deliverGiftCard(tx, job.data.cardId, job.data.locale));
        if (sent) await deliverSoon(db);
        logger.info({ cardId: job.data.cardId, sent }, "gift card delivery");
      },
    );
  }
  // An album gift's day: the recipient's mail is queued once (the order's conditional UPDATE), then sent.
  await instance.work<{ orderId: string }>(
    ALBUM_GIFT_QUEUE,
    { batchSize: 1, pollingIntervalSeconds: 5 },
    async ([job]) => {
      if (await deliverGift(db, job.data.orderId)) await deliverSoon(db);
    },
  );
  // A band's news post, mailed in batches; the rows decide who still gets it (lib/news/mailing.ts).
  await instance.work<{ postId: string }>(
    NEWS_SEND_QUEUE,
    // Several jobs per fetch: a backlog of small mailings is not paced by the polling interval.
    { batchSize: 10, pollingIntervalSeconds: 2 },
    async (jobs) => {
      for (const job of jobs) {
        const run = await sendPostMailing(db, job.data.postId);
        logger.info({ postId: job.data.postId, ...run }, "news mailing");
      }
    },
  );
  // A fan's whole collection: looks at its archives every few seconds until all are made, then mails once.
  await instance.work<CollectionExportJob>(
    COLLECTION_EXPORT_QUEUE,
    { batchSize: 1, pollingIntervalSeconds: 2 },
    async ([job]) => {
      const step = await runCollectionExportJob(db, job.data.exportId);
      if (step === "mailed") await deliverSoon(db);
      if (step !== "waiting") logger.info({ ...job.data, step }, "collection export");
    },
  );
  // Release day: the job re-reads the row (a moved date), markReleased lets one caller through.
  await instance.work<{ releaseId: string }>(
    RELEASE_DAY_QUEUE,
    { batchSize: 1, pollingIntervalSeconds: 5 },
    async ([job]) => {
      const released = await runReleaseJob(db, job.data.releaseId);
      if (released) await deliverSoon(db);
      logger.info({ releaseId: job.data.releaseId, released }, "release day job");
    },
  );
  for (const chore of CHORES) {
    await instance.createQueue(chore.queue, { name: chore.queue, ...CHORE_QUEUE });
    await instance.schedule(chore.queue, chore.cron);
    await instance.work(chore.queue, { batchSize: 1, pollingIntervalSeconds: 5 }, async () => {
      try {
        const count = await chore.run(db);
        if (count > 0) logger.info({ chore: chore.queue, count }, "housekeeping done");
      } catch (error) {
        logger.error({ err: error, chore: chore.queue }, "housekeeping failed; it runs again next minute");
        throw error;
      }
    });
  }
  // A fresh install, or a worker down for days: fetch the rates now rather than at the next 16:05.
  try {
    if (await exchangeRatesStale(db)) await instance.send(EXCHANGE_RATES_QUEUE, {});
  } catch (error) {
    logger.error({ err: error }, "could not check the exchange rates at start; the daily run fetches them");
  }
  logger.info({ concurrency, chores: CHORES.map((c) => c.queue) }, "workers started");
  return async () => {
    await instance.stop({ graceful: true, timeout: 30_000 });
    forgetBoss();
    await client.end({ timeout: 5 });
  };
}
