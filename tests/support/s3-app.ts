import { spawn, type ChildProcess } from "node:child_process";
import path from "node:path";
import { appServerCommand } from "@/lib/cli/server-command";
import { freePort } from "@/tests/support/free-port";
import { startS3StandIn, type S3StandIn } from "./s3-stand-in";

export type S3App = {
  /** The app's origin, e.g. http://localhost:41234. */
  baseURL: string;
  /** Its own database, `<DATABASE_URL's name>_s3` on the same server, the demo band seeded into the stand-in. */
  databaseUrl: string;
  standIn: S3StandIn;
  /** The app server's process id (the benchmark reads its CPU time). */
  pid: number;
  stop: () => Promise<void>;
};

/** The same server as `url`, database `<name>_s3`. */
export function s3DatabaseUrl(url: string) {
  const derived = new URL(url);
  derived.pathname = `${derived.pathname}_s3`;
  return derived.toString();
}

/**
 * A second app server with STORAGE_DRIVER=s3, for the specs and benchmarks of the redirect path:
 * an S3 stand-in in this process (its `requests` readable by the caller), a database of its own
 * (so its workers share no queue with the main server) recreated, migrated and demo-seeded into
 * the stand-in by tests/support/s3-seed.ts, then the production server (lib/cli/server.ts) on a
 * free port. The Next build must exist (the e2e runner and the benchmark make it first).
 */
export async function startS3App(options: { databaseUrl?: string; env?: Record<string, string> } = {}): Promise<S3App> {
  const base = options.databaseUrl ?? process.env.DATABASE_URL;
  if (!base) throw new Error("startS3App needs DATABASE_URL (the main test database's server)");
  const databaseUrl = s3DatabaseUrl(base);
  const standIn = await startS3StandIn();
  const s3Env = {
    STORAGE_DRIVER: "s3",
    S3_ENDPOINT: standIn.url,
    S3_BUCKET: standIn.bucket,
    S3_REGION: "us-east-1",
    S3_FORCE_PATH_STYLE: "true",
    S3_ACCESS_KEY_ID: "test-key",
    S3_SECRET_ACCESS_KEY: "test-secret",
    DATABASE_URL: databaseUrl,
  };
  const env = { ...process.env, ...options.env, ...s3Env };
  let child: ChildProcess | undefined;
  // A worker that dies without its afterAll still takes the server down with it.
  const killOnExit = () => {
    if (child?.pid !== undefined && child.exitCode === null) process.kill(-child.pid, "SIGTERM");
  };
  process.once("exit", killOnExit);
  const stop = async () => {
    process.off("exit", killOnExit);
    if (child && child.exitCode === null && child.pid !== undefined) {
      const exited = new Promise((resolve) => child!.once("exit", resolve));
      process.kill(-child.pid, "SIGTERM");
      await exited;
    }
    await standIn.close();
  };
  try {
    // Not spawnSync: the stand-in answering the seed's uploads lives in this process's event loop.
    await new Promise<void>((resolve, reject) => {
      let stderr = "";
      const seed = spawn(process.execPath, ["--import", "tsx", path.join("tests", "support", "s3-seed.ts")], {
        env,
        stdio: ["ignore", "ignore", "pipe"],
      });
      seed.stderr.on("data", (chunk) => (stderr = (stderr + chunk).slice(-3000)));
      seed.on("error", reject);
      seed.on("exit", (code) =>
        code === 0 ? resolve() : reject(new Error(`the s3 app's database was not seeded:\n${stderr}`)),
      );
    });

    const port = await freePort();
    const baseURL = `http://localhost:${port}`;
    const server = appServerCommand(port, "127.0.0.1");
    let output = "";
    child = spawn(server.command, server.args, {
      env: { ...env, ...server.env, APP_URL: baseURL },
      stdio: ["ignore", "pipe", "pipe"],
      detached: true,
    });
    child.stdout!.on("data", (chunk) => (output = (output + chunk).slice(-8000)));
    child.stderr!.on("data", (chunk) => (output = (output + chunk).slice(-8000)));
    const started = Date.now();
    for (;;) {
      if (child.exitCode !== null) throw new Error(`the s3 app server exited (${child.exitCode}):\n${output}`);
      if (Date.now() - started > 90_000) throw new Error(`the s3 app server did not answer in 90 s:\n${output}`);
      const up = await fetch(`${baseURL}/api/health`).then(
        (r) => r.ok,
        () => false,
      );
      if (up) break;
      await new Promise((resolve) => setTimeout(resolve, 250));
    }
    return { baseURL, databaseUrl, standIn, pid: child.pid!, stop };
  } catch (error) {
    await stop();
    throw error;
  }
}
