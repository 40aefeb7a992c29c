import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import net from "node:net";
import { tmpdir } from "node:os";
import path from "node:path";
import postgres from "postgres";
import { afterAll, describe, expect, it } from "vitest";
import { embeddedPortFile, startEmbeddedPostgres, type EmbeddedServer } from "@/db/embedded";

// A server of its own in a temporary data folder: the test's database (DATABASE_URL) is not touched.
const root = mkdtempSync(path.join(tmpdir(), "merchtable-embedded-"));
const dataDir = path.join(root, "pg");
const cleanups: (() => Promise<void> | void)[] = [];
afterAll(async () => {
  for (const cleanup of cleanups.reverse()) await cleanup();
  rmSync(root, { recursive: true, force: true });
});

/** Another program (here a bare TCP listener) sitting on a port. */
async function occupy(): Promise<number> {
  const squatter = net.createServer((socket) => socket.destroy());
  await new Promise<void>((resolve) => squatter.listen({ port: 0, host: "127.0.0.1" }, resolve));
  cleanups.push(() => new Promise<void>((resolve) => squatter.close(() => resolve())));
  return (squatter.address() as net.AddressInfo).port;
}

async function selectOne(server: EmbeddedServer) {
  const sql = postgres(server.url("postgres"), { max: 1, onnotice: () => {} });
  try {
    return (await sql`select 1 as one`)[0].one;
  } finally {
    await sql.end({ timeout: 1 });
  }
}

const alive = (pid: number) => {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
};

describe("the embedded PostgreSQL", () => {
  it("picks another free port when its remembered one is taken, remembers it, and a second start reuses it without ever stopping it", async () => {
    const taken = await occupy();
    writeFileSync(embeddedPortFile(dataDir), `${taken}\n`);

    const server = await startEmbeddedPostgres({ dataDir });
    cleanups.push(() => server.stop());
    expect(server.reused).toBe(false);
    expect(server.port).not.toBe(taken);
    expect(Number(readFileSync(embeddedPortFile(dataDir), "utf8"))).toBe(server.port);
    expect(await selectOne(server)).toBe(1);

    // Another `npm start` or `npm test` in the same clone: the same server, at its port.
    const again = await startEmbeddedPostgres({ dataDir, port: taken });
    expect(again).toMatchObject({ reused: true, port: server.port });
    await again.stop();
    expect(await selectOne(server)).toBe(1);

    // A server too busy to answer in time is left running, with a message that says so.
    const pid = Number(readFileSync(path.join(dataDir, "postmaster.pid"), "utf8").split("\n")[0]);
    process.kill(pid, "SIGSTOP");
    try {
      await expect(startEmbeddedPostgres({ dataDir, answerTimeoutMs: 1500 })).rejects.toThrow(
        /did not answer within .* It was left running/,
      );
      expect(alive(pid)).toBe(true);
    } finally {
      process.kill(pid, "SIGCONT");
    }
    expect(await selectOne(server)).toBe(1);
  }, 120_000);

  it("refuses a taken EMBEDDED_PG_PORT with a message naming it", async () => {
    const taken = await occupy();
    await expect(startEmbeddedPostgres({ dataDir: path.join(root, "other"), port: taken })).rejects.toThrow(
      `Port ${taken} (EMBEDDED_PG_PORT) is taken`,
    );
  });
});
