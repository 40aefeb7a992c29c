import { spawn } from "node:child_process";
import { createServer } from "node:net";
import { seedDemo } from "@/db/seed";
import { parseEnv } from "@/lib/env";
import { buildIfNeeded, ensureDebianPackage, fail, localAuthSecret, log, nextBin, prepareDatabase } from "./runtime";
import { appServerCommand } from "./server-command";

/**
 * `npm start` (and `npm run dev`): database (embedded unless DATABASE_URL is set), migrations,
 * demo seed, build when the sources changed, then the server (lib/cli/server.ts: Next.js with the
 * audio stream answered in front of it; `next dev` in dev mode). Stops the embedded
 * database when the server stops.
 */
/** Resolves when nothing listens on the port, so a second `npm start` fails before building. */
function portIsFree(port: number) {
  return new Promise<boolean>((resolve) => {
    const probe = createServer()
      .once("error", () => resolve(false))
      .once("listening", () => probe.close(() => resolve(true)))
      .listen(port);
  });
}

async function main() {
  const mode = process.argv[2] === "dev" ? "dev" : "start";
  let appEnv: string;
  try {
    appEnv = parseEnv(process.env).APP_ENV;
  } catch (error) {
    fail((error as Error).message);
  }
  const port = process.env.PORT ?? "3000";
  if (!(await portIsFree(Number(port)))) {
    fail(
      `Port ${port} is already in use (another Merchtable, or another server). Stop it, or run on another port: PORT=3001 npm start`,
    );
  }
  ensureDebianPackage("ffmpeg", "ffmpeg", "audio is transcoded with Debian's ffmpeg");
  const { url, server } = await prepareDatabase("merchtable").catch((error: Error) => fail(error.message));
  process.env.DATABASE_URL = url;
  process.env.AUTH_SECRET = localAuthSecret();
  process.env.APP_URL ??= `http://localhost:${port}`;
  // A demo account with a published password has no place on a real shop.
  if (appEnv !== "production") await seedDemo(url);
  if (mode === "start") buildIfNeeded();

  const app =
    mode === "start"
      ? appServerCommand(port)
      : { command: process.execPath, args: [nextBin(), "dev", "-p", port], env: { NEXT_TELEMETRY_DISABLED: "1" } };
  const child = spawn(app.command, app.args, { stdio: "inherit", env: { ...process.env, ...app.env } });
  log(`serving on ${process.env.APP_URL}  (demo shop: ${process.env.APP_URL}/demo-band)`);
  let stopping = false;
  const stop = (signal: NodeJS.Signals) => {
    if (stopping) return;
    stopping = true;
    child.kill(signal);
  };
  process.on("SIGINT", () => stop("SIGINT"));
  process.on("SIGTERM", () => stop("SIGTERM"));
  child.on("exit", async (code) => {
    await server?.stop();
    process.exit(code ?? 0);
  });
}

main();
