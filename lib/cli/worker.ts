import { startWorkers } from "../jobs";
import { assertFfmpeg } from "../audio/ffmpeg";
import { fail, log } from "./runtime";

/**
 * `npm run worker`: audio workers alone, for scaling out. Needs DATABASE_URL (the app's
 * database, which holds the queue) and the same storage settings as the app; run the web
 * processes with WORKERS=off.
 */
async function main() {
  if (!process.env.DATABASE_URL) fail("DATABASE_URL is not set: the worker needs the app's database (it holds the job queue).");
  await assertFfmpeg().catch((error: Error) => fail(error.message));
  const stop = await startWorkers();
  log("audio worker running; Ctrl+C stops it after the current job");
  const shutdown = async () => {
    await stop();
    process.exit(0);
  };
  process.on("SIGINT", shutdown);
  process.on("SIGTERM", shutdown);
}

main();
