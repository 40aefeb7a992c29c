import { spawnSync } from "node:child_process";
import { createHash, randomBytes } from "node:crypto";
import { existsSync, mkdirSync, readdirSync, readFileSync, statSync, writeFileSync } from "node:fs";
import path from "node:path";
import { dropDatabase, ensureDatabase, startEmbeddedPostgres, type EmbeddedServer } from "@/db/embedded";
import { migrateDatabase } from "@/db/migrate";

const root = process.cwd();
export const dataDir = path.join(root, ".data");

export function log(message: string) {
  process.stdout.write(`[merchtable] ${message}\n`);
}

export function fail(message: string): never {
  process.stderr.write(`\n[merchtable] ${message}\n\n`);
  process.exit(1);
}

/**
 * DATABASE_URL when set; otherwise the embedded PostgreSQL under .data/pg with the named
 * database created (dropped first when `fresh`). Migrations are applied either way.
 */
export async function prepareDatabase(
  database: string,
  options: { fresh?: boolean } = {},
): Promise<{ url: string; server?: EmbeddedServer }> {
  let server: EmbeddedServer | undefined;
  let url = process.env.DATABASE_URL;
  if (!url) {
    const wanted = process.env.EMBEDDED_PG_PORT?.trim();
    if (wanted && !/^\d{1,5}$/.test(wanted))
      throw new Error(
        `EMBEDDED_PG_PORT must be a port number (it is "${wanted}"); unset it to let the embedded PostgreSQL pick a free port.`,
      );
    const started = Date.now();
    server = await startEmbeddedPostgres({ port: wanted ? Number(wanted) : undefined });
    if (options.fresh) await dropDatabase(server.url("postgres"), database);
    await ensureDatabase(server.url("postgres"), database);
    url = server.url(database);
    log(
      `${server.reused ? "reusing" : "started"} embedded PostgreSQL on 127.0.0.1:${server.port} (${Date.now() - started} ms)`,
    );
  }
  await migrateDatabase(url);
  return { url, server };
}

/**
 * Local runs keep one generated AUTH_SECRET in .data so that sessions survive a restart.
 * Production must bring its own (lib/env.ts refuses to start without it).
 */
export function localAuthSecret(): string {
  if (process.env.AUTH_SECRET) return process.env.AUTH_SECRET;
  const file = path.join(dataDir, "auth-secret");
  if (!existsSync(file)) {
    mkdirSync(dataDir, { recursive: true });
    writeFileSync(file, randomBytes(33).toString("base64"), { mode: 0o600 });
  }
  return readFileSync(file, "utf8").trim();
}

const buildInputs = [
  "app",
  "components",
  "lib",
  "db",
  "public",
  "next.config.ts",
  "package-lock.json",
  "tsconfig.json",
  "postcss.config.mjs",
  "proxy.ts",
];

function hashTree(hash: ReturnType<typeof createHash>, target: string) {
  if (!existsSync(target)) return;
  const stat = statSync(target);
  if (stat.isDirectory()) {
    for (const entry of readdirSync(target).sort()) hashTree(hash, path.join(target, entry));
  } else {
    hash.update(path.relative(root, target));
    hash.update(readFileSync(target));
  }
}

export function sourceFingerprint(): string {
  const hash = createHash("sha256");
  for (const input of buildInputs) hashTree(hash, path.join(root, input));
  return hash.digest("hex");
}

const stampFile = () => path.join(root, process.env.NEXT_DIST_DIR || ".next", "merchtable-build-stamp");

/** Runs `next build` unless the last build was made from exactly these sources. */
export function buildIfNeeded(force = false) {
  const fingerprint = sourceFingerprint();
  if (!force && existsSync(stampFile()) && readFileSync(stampFile(), "utf8") === fingerprint) {
    log("build is up to date");
    return;
  }
  log("building the app (next build)…");
  const started = Date.now();
  // A build into another folder (NEXT_DIST_DIR) rewrites tsconfig.json and next-env.d.ts to point
  // at it: put them back, so parallel test instances leave the checkout as it was.
  const kept = ["tsconfig.json", "next-env.d.ts"]
    .map((file) => path.join(root, file))
    .filter((file) => existsSync(file))
    .map((file) => [file, readFileSync(file, "utf8")] as const);
  const result = spawnSync(process.execPath, [nextBin(), "build"], {
    stdio: "inherit",
    env: { ...process.env, NEXT_TELEMETRY_DISABLED: "1" },
  });
  for (const [file, text] of kept) if (readFileSync(file, "utf8") !== text) writeFileSync(file, text);
  if (result.status !== 0) fail("next build failed (see the output above).");
  writeFileSync(stampFile(), fingerprint);
  log(`built in ${((Date.now() - started) / 1000).toFixed(1)} s`);
}

export function nextBin() {
  return path.join(root, "node_modules", "next", "dist", "bin", "next");
}

function commandExists(command: string) {
  return spawnSync("sh", ["-c", `command -v ${command}`], { stdio: "ignore" }).status === 0;
}

/**
 * Installs a Debian package when its command is missing and we are allowed to (root with apt),
 * or stops with the exact command to run.
 */
export function ensureDebianPackage(command: string, pkg: string, why: string) {
  if (commandExists(command)) return;
  const isRoot = process.getuid?.() === 0;
  if (isRoot && commandExists("apt-get")) {
    log(`${command} is missing (${why}); installing the Debian package '${pkg}'…`);
    const update = spawnSync("apt-get", ["update", "-qq"], { stdio: "inherit" });
    const install =
      update.status === 0 &&
      spawnSync("apt-get", ["install", "-y", "-qq", pkg], {
        stdio: "inherit",
        env: { ...process.env, DEBIAN_FRONTEND: "noninteractive" },
      });
    if (install && install.status === 0 && commandExists(command)) return;
  }
  fail(
    `${command} is needed (${why}) and is not installed. Run:\n\n    sudo apt-get update && sudo apt-get install -y ${pkg}\n`,
  );
}
