import { spawnSync } from "node:child_process";
import { readdirSync, readFileSync } from "node:fs";
import http, { createServer } from "node:http";
import { chromium, type Browser } from "@playwright/test";
import { and, eq, isNotNull } from "drizzle-orm";
import { createDb } from "@/db/client";
import { releases, tracks } from "@/db/schema";
import { CHROMIUM_ARGS, CHROMIUM_PATH } from "@/tests/support/chromium";
import { fixed, measure, printTable, quantile, unexpected } from "./table";

/** One side of the comparison: an app server, its process id and a track it streams. */
export type RedirectBenchSide = { label: string; baseUrl: string; pid: number; trackId: string; size: number };

const RANGE = 64 * 1024;
/** Bytes delivered per CPU measurement: enough that the app's idle ticks are noise. */
const WORKLOAD_MB = Number(process.env.BENCH_REDIRECT_MB ?? 64);
const IN_FLIGHT = 8;
const TTFB_RUNS = 5;

const clockTicks = (() => {
  const result = spawnSync("getconf", ["CLK_TCK"], { encoding: "utf8" });
  return Number(result.stdout?.trim()) || 100;
})();

/** utime + stime of a process and all its descendants, in ms, from /proc (Linux). */
function processTreeCpuMs(root: number): number {
  const stats = new Map<number, { ppid: number; ticks: number }>();
  for (const entry of readdirSync("/proc")) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const text = readFileSync(`/proc/${entry}/stat`, "utf8");
      // Fields after "(comm)": state ppid … utime (14th field) stime (15th).
      const rest = text.slice(text.lastIndexOf(")") + 2).split(" ");
      stats.set(Number(entry), { ppid: Number(rest[1]), ticks: Number(rest[11]) + Number(rest[12]) });
    } catch {
      // the process ended while we looked
    }
  }
  let ticks = 0;
  const visit = (pid: number) => {
    ticks += stats.get(pid)?.ticks ?? 0;
    for (const [child, s] of stats) if (s.ppid === pid) visit(child);
  };
  visit(root);
  return (ticks * 1000) / clockTicks;
}

const agent = new http.Agent({ keepAlive: true, maxSockets: IN_FLIGHT * 2 });

/** A GET that never follows redirects; the body is counted and dropped. */
function get(url: string, headers: Record<string, string>) {
  return new Promise<{ status: number; location?: string; bytes: number }>((resolve, reject) => {
    http
      .get(url, { agent, headers }, (response) => {
        let bytes = 0;
        response.on("data", (chunk: Buffer) => (bytes += chunk.length));
        response.on("end", () =>
          resolve({ status: response.statusCode ?? 0, location: response.headers.location, bytes }),
        );
        response.on("error", reject);
      })
      .on("error", reject);
  });
}

/**
 * WORKLOAD_MB of 64 KiB ranges of the track, IN_FLIGHT at a time. "each": every range is asked of
 * the app (random windows, as a seeking player), following its redirect to the bucket when it
 * answers 302. "per play": one request to the app per listen, then the whole track in 64 KiB
 * ranges from the address it redirected to, start to end (a player that keeps the redirect's
 * target for the element). Returns the app's CPU ms per MB delivered and per request it answered.
 */
async function cpuPerMb(side: RedirectBenchSide, mode: "each" | "per play") {
  const url = `${side.baseUrl}/api/stream/${side.trackId}`;
  const range = (start: number) => ({ Range: `bytes=${start}-${Math.min(side.size, start + RANGE) - 1}` });
  let asked = 0;
  const each = async () => {
    const headers = range(Math.floor(Math.random() * Math.max(1, side.size - RANGE)));
    asked++;
    const first = await get(url, headers);
    return [first.status === 302 && first.location ? await get(first.location, headers) : first];
  };
  const perPlay = async () => {
    asked++;
    const first = await get(url, range(0));
    if (first.status !== 302 || !first.location) return [first];
    const results = [];
    for (let start = 0; start < side.size; start += RANGE) results.push(await get(first.location, range(start)));
    return results;
  };
  const one = mode === "each" ? each : perPlay;
  for (let i = 0; i < 20; i++) await one(); // warm-up: JIT, pools, caches
  asked = 0;
  const target = WORKLOAD_MB * 1024 * 1024;
  let delivered = 0;
  let odd = 0;
  const cpuBefore = processTreeCpuMs(side.pid);
  const started = performance.now();
  await Promise.all(
    Array.from({ length: IN_FLIGHT }, async () => {
      while (delivered < target) {
        for (const result of await one()) {
          if (result.status !== 206) odd++;
          delivered += result.bytes;
        }
      }
    }),
  );
  const seconds = (performance.now() - started) / 1000;
  const cpuMs = processTreeCpuMs(side.pid) - cpuBefore;
  const mb = delivered / (1024 * 1024);
  return { mb, cpuMs, perMb: cpuMs / mb, perRequest: cpuMs / asked, asked, seconds, odd };
}

/** Time from the click on play to the first audio byte and to 'playing', for a track widget on another origin. */
async function widgetFirstByte(side: RedirectBenchSide, hostUrl: string, browser: Browser) {
  const firstByte: number[] = [];
  const playing: number[] = [];
  for (let run = 0; run < TTFB_RUNS + 1; run++) {
    const context = await browser.newContext();
    const page = await context.newPage();
    let byteAt = Number.NaN;
    page.on("response", (response) => {
      const request = response.request();
      if (request.resourceType() !== "media" && !request.url().includes("/api/stream/")) return;
      if (response.status() >= 300 && response.status() < 400) return;
      const timing = request.timing();
      if (Number.isNaN(byteAt)) byteAt = timing.startTime + timing.responseStart;
    });
    await page.goto(`${hostUrl}/?src=${encodeURIComponent(`${side.baseUrl}/embed/track/${side.trackId}`)}`);
    const frame = page.frames().find((f) => f.url().includes("/embed/track/"))!;
    await frame.waitForSelector("[data-testid=embed-play]");
    await frame.evaluate(() => {
      const audio = document.querySelector("audio")!;
      audio.addEventListener("playing", () => ((window as unknown as { playingAt: number }).playingAt = Date.now()), {
        once: true,
      });
    });
    const clicked = Date.now();
    await frame.click("[data-testid=embed-play]");
    await frame.waitForFunction(() => (window as unknown as { playingAt?: number }).playingAt, null, {
      timeout: 20_000,
    });
    const playingAt = await frame.evaluate(() => (window as unknown as { playingAt: number }).playingAt);
    if (run > 0) {
      // the first run warms the server and the browser
      firstByte.push(byteAt - clicked);
      playing.push(playingAt - clicked);
    }
    await context.close();
  }
  return { firstByte: firstByte.sort((a, b) => a - b), playing: playing.sort((a, b) => a - b) };
}

/**
 * The redirect path against the local fast path (tests/bench/run.ts starts both servers):
 * (a) the app's CPU time per MB delivered (/proc of the app's process tree), (b) redirect answers
 * per second (autocannon, redirects not followed), (c) time to the first audio byte in Chromium
 * for a track widget on another origin. Figures only, never asserted.
 */
export async function benchRedirect(local: RedirectBenchSide, redirect: RedirectBenchSide) {
  const rows: string[][] = [];
  for (const [side, mode] of [
    [local, "each"],
    [redirect, "each"],
    [redirect, "per play"],
  ] as const) {
    const f = await cpuPerMb(side, mode);
    rows.push([
      `${side.label}, ${mode === "each" ? "every range asked of the app" : "one request to the app per play"}`,
      fixed(f.mb, 0),
      `${f.asked}`,
      fixed(f.cpuMs, 0),
      fixed(f.perMb, 2),
      fixed(f.perRequest, 2),
      fixed(f.mb / f.seconds, 1),
      f.odd ? `${f.odd}× not 206` : "",
    ]);
  }
  printTable(
    `Redirect path: app CPU per MB delivered (${WORKLOAD_MB} MB of 64 KiB ranges, ${IN_FLIGHT} in flight; CPU from /proc of the app's process tree)`,
    ["path", "MB", "app requests", "app CPU ms", "app CPU ms/MB", "app CPU ms/request", "MB/s", "unexpected"],
    rows,
  );

  const answers: string[][] = [];
  for (const [side, expected] of [
    [redirect, 302],
    [local, 206],
  ] as const) {
    const result = await measure({
      url: `${side.baseUrl}/api/stream/${side.trackId}`,
      connections: 10,
      headers: { range: `bytes=0-${RANGE - 1}` },
    });
    answers.push([
      `${side.label} (${expected})`,
      fixed(result.requests.average),
      fixed(result.latency.p50, 1),
      fixed(result.latency.p99),
      unexpected(result, [expected]),
    ]);
  }
  printTable(
    "Redirect path: answers per second on /api/stream (autocannon, 10 connections, redirects not followed)",
    ["path", "req/s", "p50 ms", "p99 ms", "unexpected"],
    answers,
  );

  const host = createServer((request, response) => {
    const src = new URL(request.url ?? "/", "http://x").searchParams.get("src") ?? "";
    response
      .writeHead(200, { "Content-Type": "text/html" })
      .end(`<!doctype html><body><iframe src="${src}" style="width:640px;height:200px;border:0"></iframe></body>`);
  });
  await new Promise<void>((resolve) => host.listen(0, "127.0.0.1", resolve));
  const hostUrl = `http://127.0.0.1:${(host.address() as { port: number }).port}`;
  const browser = await chromium.launch({
    executablePath: CHROMIUM_PATH,
    args: [...CHROMIUM_ARGS, "--autoplay-policy=no-user-gesture-required"],
  });
  const ttfb: string[][] = [];
  try {
    for (const side of [local, redirect]) {
      const t = await widgetFirstByte(side, hostUrl, browser);
      ttfb.push([
        side.label,
        fixed(quantile(t.firstByte, 0.5)),
        fixed(t.firstByte[t.firstByte.length - 1]),
        fixed(quantile(t.playing, 0.5)),
        fixed(t.playing[t.playing.length - 1]),
      ]);
    }
  } finally {
    await browser.close();
    host.close();
  }
  printTable(
    `Redirect path: track widget on another origin in Chromium, click to first audio byte and to 'playing' (ms, ${TTFB_RUNS} cold contexts)`,
    ["path", "first byte p50", "first byte max", "playing p50", "playing max"],
    ttfb,
  );
}

/** A published, ready track with a stream rendition in that database (the demo band's, after the seed). */
export async function firstStreamableTrack(databaseUrl: string): Promise<{ trackId: string; size: number }> {
  const { db, client } = createDb(databaseUrl, { max: 1 });
  try {
    const [row] = await db
      .select({ id: tracks.id, size: tracks.streamSize })
      .from(tracks)
      .innerJoin(releases, eq(releases.id, tracks.releaseId))
      .where(and(eq(tracks.status, "ready"), eq(releases.status, "published"), isNotNull(tracks.streamKey)))
      .limit(1);
    if (!row?.size) throw new Error("no streamable track in the s3 app's database");
    return { trackId: row.id, size: row.size };
  } finally {
    await client.end({ timeout: 5 });
  }
}
