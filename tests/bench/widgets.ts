import { readFileSync } from "node:fs";
import { createServer } from "node:http";
import { gzipSync } from "node:zlib";
import { chromium } from "@playwright/test";
import { and, eq } from "drizzle-orm";
import { createDb } from "@/db/client";
import { artists, products, releases, tracks } from "@/db/schema";
import { CHROMIUM_ARGS, CHROMIUM_PATH } from "@/tests/support/chromium";
import { printTable } from "./table";

/** Budgets from the widget issue: per widget, first load, artwork not counted. */
const BUDGET = { jsKb: 15, totalKb: 50, requests: 6, audioBytes: 0, loaderKb: 3 };

type Kind = "html" | "css" | "js" | "image" | "audio" | "other";
const kb = (bytes: number) => (bytes / 1024).toFixed(1);

function kindOf(resourceType: string, url: string): Kind {
  if (resourceType === "document") return "html";
  if (resourceType === "stylesheet") return "css";
  if (resourceType === "script") return "js";
  if (resourceType === "image") return "image";
  if (resourceType === "media" || url.includes("/api/stream/")) return "audio";
  return "other";
}

/** Widget URLs for the demo band (seeded by the benchmark): every widget, two layouts each for players and the shop. */
async function widgetPaths(databaseUrl: string, slug: string): Promise<[string, string][]> {
  const { db, client } = createDb(databaseUrl, { max: 1 });
  try {
    const [artist] = await db.select().from(artists).where(eq(artists.slug, slug)).limit(1);
    if (!artist) return [];
    const [release] = await db
      .select()
      .from(releases)
      .where(and(eq(releases.artistId, artist.id), eq(releases.status, "published")))
      .limit(1);
    const [track] = release
      ? await db
          .select()
          .from(tracks)
          .where(and(eq(tracks.releaseId, release.id), eq(tracks.status, "ready")))
          .limit(1)
      : [];
    const [product] = await db
      .select()
      .from(products)
      .where(and(eq(products.artistId, artist.id), eq(products.published, true)))
      .limit(1);
    const paths: [string, string][] = [];
    if (release)
      paths.push(
        ["release, large", `/embed/release/${release.id}`],
        ["release, slim", `/embed/release/${release.id}?layout=slim`],
      );
    if (track) paths.push(["track", `/embed/track/${track.id}`]);
    if (release) paths.push(["buy (release)", `/embed/buy/${release.id}`]);
    if (product) paths.push(["buy (product)", `/embed/buy/${product.id}`]);
    paths.push(["shop, table", `/embed/shop/${slug}?layout=compact`], ["shop, grid", `/embed/shop/${slug}`]);
    return paths;
  } finally {
    await client.end({ timeout: 5 });
  }
}

/**
 * Each widget loaded cold in Chromium inside a page of another origin, as on a band's site,
 * counting what the frame fetches (Playwright network events): bytes gzipped as a CDN would send
 * them, requests, and audio bytes before anyone presses play.
 */
export async function benchWidgets(options: { baseUrl: string; databaseUrl: string; artistSlug: string }) {
  const paths = await widgetPaths(options.databaseUrl, options.artistSlug);
  if (!paths.length) {
    printTable("Widgets", ["widget", "status"], [[options.artistSlug, "no published release: not measured"]]);
    return;
  }
  const host = createServer((request, response) => {
    const src = new URL(request.url ?? "/", "http://x").searchParams.get("src") ?? "";
    response
      .writeHead(200, { "Content-Type": "text/html" })
      .end(
        `<!doctype html><body><iframe src="${options.baseUrl}${src}" style="width:640px;height:640px;border:0"></iframe></body>`,
      );
  });
  await new Promise<void>((resolve) => host.listen(0, "127.0.0.1", resolve));
  const hostUrl = `http://127.0.0.1:${(host.address() as { port: number }).port}`;
  const browser = await chromium.launch({
    executablePath: CHROMIUM_PATH,
    args: CHROMIUM_ARGS,
  });
  const rows: string[][] = [];
  try {
    for (const [label, path] of paths) {
      const context = await browser.newContext();
      const page = await context.newPage();
      const seen: Promise<{ kind: Kind; gz: number; raw: number }>[] = [];
      page.on("response", (response) => {
        const url = response.url();
        if (!url.startsWith(options.baseUrl)) return;
        const kind = kindOf(response.request().resourceType(), url);
        seen.push(
          response.body().then(
            (body) => ({
              kind,
              gz: kind === "image" || kind === "audio" ? body.length : gzipSync(body).length,
              raw: body.length,
            }),
            () => ({ kind, gz: 0, raw: 0 }),
          ),
        );
      });
      await page.goto(`${hostUrl}/?src=${encodeURIComponent(path)}`, { waitUntil: "networkidle" });
      const loaded = await Promise.all(seen);
      const sum = (kinds: Kind[]) => loaded.filter((r) => kinds.includes(r.kind)).reduce((n, r) => n + r.gz, 0);
      const js = sum(["js"]);
      const total = sum(["html", "css", "js", "other"]);
      const audio = sum(["audio"]);
      const verdict =
        js <= BUDGET.jsKb * 1024 &&
        total <= BUDGET.totalKb * 1024 &&
        loaded.length <= BUDGET.requests &&
        audio <= BUDGET.audioBytes
          ? "within"
          : "OVER";
      rows.push([
        label,
        kb(sum(["html"])),
        "inline",
        kb(js),
        kb(total),
        kb(sum(["image"])),
        String(loaded.length),
        String(audio),
        verdict,
      ]);
      await context.close();
    }
  } finally {
    await browser.close();
    host.close();
  }
  const loader = gzipSync(readFileSync("public/embed.js")).length;
  rows.push([
    "loader /embed.js (on the host page)",
    "",
    "",
    kb(loader),
    kb(loader),
    "",
    "1",
    "0",
    loader <= BUDGET.loaderKb * 1024 ? "within" : "OVER",
  ]);
  printTable(
    `Widgets, first load (KB gzipped; budget: JS ≤ ${BUDGET.jsKb}, total ≤ ${BUDGET.totalKb} without artwork, ≤ ${BUDGET.requests} requests, 0 audio bytes; loader ≤ ${BUDGET.loaderKb})`,
    ["widget", "HTML", "CSS", "JS", "total", "artwork", "requests", "audio bytes", "budget"],
    rows,
  );
}
