import { existsSync, readFileSync } from "node:fs";
import path from "node:path";
import { gzipSync } from "node:zlib";
import { chromium, type Page } from "@playwright/test";
import { CHROMIUM_ARGS, CHROMIUM_PATH } from "@/tests/support/chromium";
import { printTable } from "./table";

export type BenchPage = { label: string; path: string; url: string };

const kb = (bytes: number) => (bytes / 1024).toFixed(1);
const gz = (body: Buffer | string) => gzipSync(body).length;

/** Every `<script src>` in the HTML, resolved against the page's URL. */
function scriptSources(html: string, base: string) {
  return [...html.matchAll(/<script\b[^>]*\bsrc="([^"]+)"/g)].map(
    (m) => new URL(m[1].replace(/&amp;/g, "&"), base).href,
  );
}

/** Bytes of inline `<script>` bodies (RSC payload, bootstrap): part of the HTML, listed apart. */
function inlineScriptBytes(html: string) {
  return [...html.matchAll(/<script\b(?![^>]*\bsrc=)[^>]*>([\s\S]*?)<\/script>/g)].reduce(
    (sum, m) => sum + Buffer.byteLength(m[1]),
    0,
  );
}

/** What a stranger's first visit costs, from the HTML alone: its bytes and the scripts it names. */
async function fromHtml(url: string) {
  const response = await fetch(url);
  const html = Buffer.from(await response.arrayBuffer());
  const text = html.toString("utf8");
  const sources = scriptSources(text, url);
  const scripts = await Promise.all(
    sources.map(async (src) => gz(Buffer.from(await (await fetch(src)).arrayBuffer()))),
  );
  return {
    status: response.status,
    cacheControl: response.headers.get("cache-control") ?? "",
    raw: html.length,
    gzipped: gz(html),
    inline: inlineScriptBytes(text),
    scriptFiles: sources.length,
    scriptGz: scripts.reduce((a, b) => a + b, 0),
  };
}

/** What Chromium fetched loading the page cold, until the network is idle (Playwright network events). */
async function fromBrowser(page: Page, url: string) {
  const seen: Promise<{ type: string; gz: number }>[] = [];
  page.on("response", (response) => {
    const type = response.request().resourceType();
    seen.push(
      response.body().then(
        (body) => ({ type, gz: type === "image" || type === "media" ? body.length : gz(body) }),
        () => ({ type, gz: 0 }),
      ),
    );
  });
  await page.goto(url, { waitUntil: "networkidle" });
  const loaded = await Promise.all(seen);
  const of = (type: string) => loaded.filter((r) => r.type === type);
  const sum = (rows: { gz: number }[]) => rows.reduce((n, r) => n + r.gz, 0);
  return {
    jsFiles: of("script").length,
    jsGz: sum(of("script")),
    // RSC prefetches of the links in view (fetch requests with the RSC header).
    fetches: of("fetch").length,
    fetchGz: sum(of("fetch")),
    requests: loaded.length,
  };
}

/**
 * The floor no page can go under while it is a Next app: the scripts every App Router page loads
 * (build-manifest.json's rootMainFiles: React DOM, Next's router and Turbopack's runtime), even a
 * page with no client component of its own.
 */
function nextRuntimeFloor() {
  const dist = process.env.NEXT_DIST_DIR || ".next";
  const manifest = path.join(dist, "build-manifest.json");
  if (!existsSync(manifest)) return null;
  const files: string[] = JSON.parse(readFileSync(manifest, "utf8")).rootMainFiles ?? [];
  return { files: files.length, gz: files.reduce((sum, file) => sum + gz(readFileSync(path.join(dist, file))), 0) };
}

/**
 * HTML and JavaScript weight of the fan pages against a static page: bytes raw and gzipped (as a
 * CDN would send them), the inline scripts inside the HTML, the `<script src>` files the HTML names
 * and what Chromium actually fetched until the network went idle.
 */
export async function benchPageWeight(options: { pages: BenchPage[] }) {
  const browser = await chromium.launch({
    executablePath: CHROMIUM_PATH,
    args: CHROMIUM_ARGS,
  });
  const rows: string[][] = [];
  const headers: string[][] = [];
  try {
    for (const { label, path, url } of options.pages) {
      const html = await fromHtml(url);
      const context = await browser.newContext();
      const browserSide = await fromBrowser(await context.newPage(), url);
      await context.close();
      rows.push([
        `${label} ${path}${html.status === 200 ? "" : ` (HTTP ${html.status})`}`,
        kb(html.raw),
        kb(html.gzipped),
        kb(html.inline),
        String(html.scriptFiles),
        kb(html.scriptGz),
        String(browserSide.jsFiles),
        kb(browserSide.jsGz),
        `${browserSide.fetches} / ${kb(browserSide.fetchGz)}`,
        String(browserSide.requests),
      ]);
      headers.push([label, html.cacheControl || "(none)"]);
    }
  } finally {
    await browser.close();
  }
  const floor = nextRuntimeFloor();
  if (floor)
    rows.push([
      "floor: Next's runtime + React, on every page",
      "",
      "",
      "",
      String(floor.files),
      kb(floor.gz),
      "",
      "",
      "",
      "",
    ]);
  printTable(
    "Page weight, first visit as a stranger (KB; target on the release page: HTML ≤ 20 gzipped, JS ≤ 60 gzipped)",
    [
      "page",
      "HTML raw",
      "HTML gz",
      "inline scripts raw",
      "<script src>",
      "their JS gz",
      "JS fetched",
      "JS fetched gz",
      "prefetches / gz",
      "requests",
    ],
    rows,
  );
  printTable("Cache-Control sent to a stranger", ["page", "Cache-Control"], headers);
}
