import { existsSync, readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import { seedDemo } from "@/db/seed";
import { buildIfNeeded, fail, localAuthSecret, log, prepareDatabase } from "@/lib/cli/runtime";
import { startS3App } from "@/tests/support/s3-app";
import { benchAdmin } from "./admin";
import { benchBackForwardCache } from "./bfcache";
import { benchDashboard } from "./dashboard";
import { demoReleasePath, prepareBenchData } from "./data";
import { benchLighthouse } from "./lighthouse";
import { benchPageWeight } from "./page-weight";
import { benchRedirect, firstStreamableTrack } from "./redirect";
import { benchPriceChange, benchReleasePage } from "./release-page";
import { findNginx, startNext, startNginx, type Running } from "./servers";
import { startStaticCopy } from "./static-copy";
import { benchStream } from "./stream";
import { main as benchTranscode } from "./transcode";
import { benchWidgets } from "./widgets";

/**
 * `npm run bench`: figures, printed, never asserted. Prepares its own database (DATABASE_URL, or
 * the embedded server's `merchtable_bench`), storage and data, builds when the sources changed,
 * starts the app's server (lib/cli/server.ts, as `npm start` does) on a free port, and runs:
 *   1. streaming route vs nginx on the same file (tests/bench/stream.ts)
 *   2. release and shop pages (page cache on, then off) vs a static file, and a price change's
 *      time to the cached page (tests/bench/release-page.ts)
 *   3. fan pages' weight (HTML, JS) and Lighthouse mobile, against a static copy (tests/bench/page-weight.ts, lighthouse.ts)
 *   4. widgets: bytes, requests and audio before play, against their budgets (tests/bench/widgets.ts)
 *   5. transcoding speed (tests/bench/transcode.ts)
 *   6. dashboard figures for the 100k-order band of `npm run seed:large` (tests/bench/dashboard.ts)
 *   7. the operator console's band list and revenue query on that database (tests/bench/admin.ts)
 *   8. the redirect path (STORAGE_DRIVER=s3 against the S3 stand-in, tests/support/s3-app.ts) against
 *      the local fast path: app CPU per MB, redirects per second, widget time to first audio byte
 *      (tests/bench/redirect.ts)
 * BENCH_SECONDS sets the length of each measured run (default 10); BENCH_ONLY=pages,widgets (names:
 * stream, release, pages, widgets, redirect, transcode, dashboard, admin) runs only those; BENCH_LIGHTHOUSE=0 skips Lighthouse.
 */
const instance = process.env.TEST_INSTANCE ? `-${process.env.TEST_INSTANCE.replace(/[^a-z0-9_-]/gi, "")}` : "";
if (instance) process.env.NEXT_DIST_DIR ??= `.next${instance}`;

const only = process.env.BENCH_ONLY?.split(",").map((name) => name.trim());
const runs = (step: string) => !only || only.includes(step);

/** The release page measured is the demo album's, as a visitor sees it; the bench's own release if the seed fails. */
async function seedDemoAlbum(url: string) {
  try {
    await seedDemo(url);
  } catch (error) {
    log(`demo album not seeded (${(error as Error).message.split("\n")[0]}); using the benchmark's own release`);
  }
}

/**
 * `next build` into another folder (NEXT_DIST_DIR=.next-<instance>) rewrites tsconfig.json and
 * next-env.d.ts to point at that folder; parallel runs in one checkout must leave them as they were.
 */
function buildKeepingConfig() {
  const kept = ["tsconfig.json", "next-env.d.ts"]
    .filter(existsSync)
    .map((file) => [file, readFileSync(file, "utf8")] as const);
  const restore = () => {
    for (const [file, text] of kept) if (readFileSync(file, "utf8") !== text) writeFileSync(file, text);
  };
  // A failed build exits the process (fail() in lib/cli/runtime.ts): restore on the way out too.
  process.once("exit", restore);
  buildIfNeeded();
  restore();
  process.off("exit", restore);
}

/** Home, shop and release pages beside the release page's own HTML served static without its scripts. */
async function benchFanPages(baseUrl: string, releasePath: string) {
  const copy = await startStaticCopy(baseUrl, releasePath);
  try {
    const pages = [
      { label: "home", path: "/", url: `${baseUrl}/` },
      { label: "shop", path: `/${releasePath.split("/")[1]}`, url: `${baseUrl}/${releasePath.split("/")[1]}` },
      { label: "release", path: releasePath, url: baseUrl + releasePath },
      { label: "release, static copy without scripts", path: "", url: `${copy.url}/` },
    ];
    await benchPageWeight({ pages });
    await benchBackForwardCache(pages.slice(0, 3), `${baseUrl}/robots.txt`);
    await benchLighthouse(pages);
  } finally {
    await copy.stop();
  }
}

async function main() {
  const { url, server: postgres } = await prepareDatabase("merchtable_bench").catch((e: Error) => fail(e.message));
  process.env.DATABASE_URL = url;
  process.env.AUTH_SECRET = localAuthSecret();
  process.env.STORAGE_DIR = path.resolve(process.env.STORAGE_DIR ?? path.join(".data", `bench-storage${instance}`));
  process.env.WORKERS = "off"; // no transcoding jobs competing for the CPU while measuring

  let app: (Running & { pid: number }) | undefined;
  let nginx: Running | undefined;
  // The database-only steps (dashboard, admin) need no build and no server.
  const needsServer = ["stream", "release", "pages", "widgets", "redirect"].some(runs);
  if (needsServer)
    try {
      log("preparing benchmark data (a four-minute MP3 made with ffmpeg)…");
      const data = await prepareBenchData(url);
      await seedDemoAlbum(url);
      const releasePath = (await demoReleasePath(url)) ?? data.releasePath;
      buildKeepingConfig();
      log("starting the app server…");
      app = await startNext({ ...process.env, LOG_LEVEL: "warn" });

      const nginxBinary = runs("stream") ? findNginx() : null;
      if (nginxBinary) nginx = await startNginx(nginxBinary, process.env.STORAGE_DIR);
      else if (runs("stream")) log("nginx is not installed: baseline unavailable (sudo apt-get install -y nginx)");

      if (runs("stream"))
        await benchStream({
          appUrl: `${app.url}/api/stream/${data.trackId}`,
          nginxUrl: nginx ? `${nginx.url}/${data.streamKey}` : null,
          size: data.size,
        });
      if (runs("release")) {
        await benchReleasePage({
          baseUrl: app.url,
          releasePath,
          shopPath: `/${releasePath.split("/")[1]}`,
          staticPath: "/icon.svg",
          startOff: () => startNext({ ...process.env, LOG_LEVEL: "warn", PAGE_CACHE: "off" }),
        });
        await benchPriceChange({ baseUrl: app.url, databaseUrl: url });
      }
      if (runs("pages")) await benchFanPages(app.url, releasePath);
      if (runs("widgets"))
        await benchWidgets({ baseUrl: app.url, databaseUrl: url, artistSlug: releasePath.split("/")[1] });
      if (runs("redirect")) {
        log("starting the app with STORAGE_DRIVER=s3 (S3 stand-in, its own database, the demo band seeded into it)…");
        const s3 = await startS3App({ databaseUrl: url, env: { LOG_LEVEL: "warn", WORKERS: "off" } });
        try {
          const track = await firstStreamableTrack(s3.databaseUrl);
          await benchRedirect(
            { label: "local fast path", baseUrl: app.url, pid: app.pid, trackId: data.trackId, size: data.size },
            { label: "redirect (s3 stand-in)", baseUrl: s3.baseURL, pid: s3.pid, ...track },
          );
        } finally {
          await s3.stop();
        }
      }
    } finally {
      await nginx?.stop();
      await app?.stop();
    }

  if (runs("transcode")) await benchTranscode();
  if (runs("dashboard")) await benchDashboard(url);
  if (runs("admin")) await benchAdmin(url);
  await postgres?.stop();
}

main().catch((error: Error) => fail(error.stack ?? error.message));
