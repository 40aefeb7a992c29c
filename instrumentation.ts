/**
 * Runs once when the Next server starts: with WORKERS=inline (the default) the audio workers run
 * inside the web server, so `npm start` needs nothing else. Scaled out, set WORKERS=off here and
 * run `npm run worker` processes.
 */
export async function register() {
  if (process.env.NEXT_RUNTIME !== "nodejs") return;
  const { env } = await import("@/lib/env");
  if (env().WORKERS !== "inline" || !env().DATABASE_URL) return;
  const { startWorkers } = await import("@/lib/jobs");
  const { logger } = await import("@/lib/log");
  try {
    await startWorkers();
  } catch (error) {
    logger.error({ err: error }, "audio workers could not start");
  }
}
