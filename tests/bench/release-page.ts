import { eq } from "drizzle-orm";
import { createDb } from "@/db/client";
import { releases, users } from "@/db/schema";
import { setReleasePrices } from "@/lib/catalog/release-prices";
import { BENCH_BAND } from "./data";
import { fixed, measure, percent, printTable, unexpected } from "./table";

const CONNECTIONS = 50;
/** What a browser sends: the cache answers with its pre-compressed brotli copy, Next with its own. */
const BROWSER = { "accept-encoding": "gzip, deflate, br", accept: "text/html" };

async function status(url: string) {
  const response = await fetch(url, { headers: BROWSER });
  const body = await response.text();
  return { status: response.status, kib: body.length / 1024 };
}

type Page = { label: string; path: string };

/** A script of the page's own build, which Next serves from disk without running proxy.ts. */
async function buildAsset(url: string): Promise<string | null> {
  const html = await fetch(url).then((r) => r.text());
  return /src="(\/_next\/static\/[^"]+\.js)"/.exec(html)?.[1] ?? null;
}

async function rows(baseUrl: string, pages: Page[], statics: string[], note = "") {
  const out: string[][] = [];
  const baselines: number[] = [];
  const line = (label: string, result: Awaited<ReturnType<typeof measure>>) => [
    label,
    fixed(result.requests.average),
    fixed(result.latency.p50),
    fixed(result.latency.p99),
    ...baselines.map((base) => percent(result.requests.average, base)),
    unexpected(result, [200]),
  ];
  const measured = [];
  for (const path of statics) {
    const result = await measure({ url: baseUrl + path, connections: CONNECTIONS, headers: BROWSER });
    baselines.push(result.requests.average);
    measured.push([path, result] as const);
  }
  for (const page of pages) {
    const probe = await status(baseUrl + page.path);
    if (probe.status !== 200) {
      out.push([
        `${page.label} ${page.path}${note}`,
        `HTTP ${probe.status}: not measured`,
        "",
        "",
        ...statics.map(() => ""),
        "",
      ]);
      continue;
    }
    const result = await measure({ url: baseUrl + page.path, connections: CONNECTIONS, headers: BROWSER });
    out.push(line(`${page.label} ${page.path} (${probe.kib.toFixed(0)} KiB)${note}`, result));
  }
  for (const [path, result] of measured) out.push(line(`static file ${path.slice(0, 40)}${note}`, result));
  return out;
}

/**
 * The release and shop pages vs static files of the same server, 50 connections, one run each
 * (a browser's Accept-Encoding), with the page cache on; then the release page with the cache off
 * (PAGE_CACHE=off, another server started by `startOff`) for comparison. Two baselines: the
 * app's icon (a public file: through Next's router and proxy.ts) and one of Next's build scripts
 * (served from disk, no proxy).
 */
export async function benchReleasePage(options: {
  baseUrl: string;
  releasePath: string;
  shopPath: string;
  staticPath: string;
  startOff: () => Promise<{ url: string; stop: () => Promise<void> }>;
}) {
  const pages = [
    { label: "release page", path: options.releasePath },
    { label: "shop page", path: options.shopPath },
  ];
  const asset = await buildAsset(options.baseUrl + options.releasePath);
  const statics = asset ? [options.staticPath, asset] : [options.staticPath];
  const table = await rows(options.baseUrl, pages, statics);
  const off = await options.startOff();
  try {
    table.push(...(await rows(off.url, pages.slice(0, 1), statics, ", cache off")));
  } finally {
    await off.stop();
  }
  printTable(
    `Fan pages vs static files, ${CONNECTIONS} connections (page cache on unless said)`,
    ["page", "req/s", "p50 ms", "p99 ms", ...statics.map((path) => `share of ${path.split("/").pop()}`), "unexpected"],
    table,
  );
}

/**
 * From a band's price change (the dashboard's own function, lib/catalog/release-prices.ts) to the
 * new price on the cached page: NOTIFY at commit, the copy dropped, the next request renders.
 */
export async function benchPriceChange(options: { baseUrl: string; databaseUrl: string }) {
  const { db, client } = createDb(options.databaseUrl, { max: 2 });
  const path = `/${BENCH_BAND.slug}/${BENCH_BAND.release}`;
  try {
    const [owner] = await db.select().from(users).where(eq(users.email, BENCH_BAND.email));
    const [release] = await db.select().from(releases).where(eq(releases.slug, BENCH_BAND.release));
    const samples: number[] = [];
    for (const euros of [11, 12, 13]) {
      await fetch(options.baseUrl + path).then((r) => r.arrayBuffer());
      const before = await fetch(options.baseUrl + path);
      await before.arrayBuffer();
      const started = performance.now();
      const result = await setReleasePrices(db, owner.id, release.id, {
        pricingMode: "fixed",
        priceAmount: String(euros),
      });
      if (!result.ok) throw new Error(`price change refused: ${JSON.stringify(result)}`);
      for (;;) {
        const text = await fetch(options.baseUrl + path).then((r) => r.text());
        if (text.includes(`${euros}.00`)) break;
        if (performance.now() - started > 60_000) throw new Error(`the price €${euros} did not show within 60 s`);
        await new Promise((resolve) => setTimeout(resolve, 10));
      }
      samples.push(performance.now() - started);
    }
    printTable(
      "Price change to the cached release page",
      ["change", "ms until the new price is served", "cache state before"],
      samples.map((ms, i) => [`€${11 + i}.00`, fixed(ms), "HIT"]),
    );
  } finally {
    await client.end({ timeout: 5 });
  }
}
