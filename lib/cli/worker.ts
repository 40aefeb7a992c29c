import { assertFfmpeg } from "@/lib/audio";
import { startWorkers } from "@/lib/jobs";
import { fail, log } from "./runtime";

/**
 * `npm run worker`: the job workers alone (audio, download formats, and the every-minute
 * housekeeping: stale checkouts expired, queued mail delivered), for scaling out. Needs
 * DATABASE_URL (the app's database, which holds the queue) and the same storage and SMTP
 * settings as the app; run the web processes with WORKERS=off. Any number may run at once.
 */
async function main() {
  if (!process.env.DATABASE_URL)
    fail("DATABASE_URL is not set: the worker needs the app's database (it holds the job queue).");
  await assertFfmpeg().catch((error: Error) => fail(error.message));
  const stop = await startWorkers();
  log("worker running (audio, downloads, housekeeping); Ctrl+C stops it after the current job");
  const shutdown = async () => {
    await stop();
    process.exit(0);
  };
  process.on("SIGINT", shutdown);
  process.on("SIGTERM", shutdown);
}

main();
