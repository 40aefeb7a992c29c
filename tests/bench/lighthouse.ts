import { spawn } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { availableParallelism, loadavg, tmpdir } from "node:os";
import path from "node:path";
import { CHROMIUM_ARGS, CHROMIUM_PATH } from "@/tests/support/chromium";
import type { BenchPage } from "./page-weight";
import { fixed, printTable } from "./table";

/** The flags of the issue: Debian's Chromium, headless, nothing fetched on its own behalf. */
const CHROMIUM_FLAGS = ["--headless=new", ...CHROMIUM_ARGS];

/** Debian's Chromium with a DevTools port for Lighthouse (the port is read from its first lines). */
async function launchChromium() {
  const profile = mkdtempSync(path.join(tmpdir(), "merchtable-lighthouse-"));
  const child = spawn(
    CHROMIUM_PATH,
    [...CHROMIUM_FLAGS, "--remote-debugging-port=0", `--user-data-dir=${profile}`, "about:blank"],
    { stdio: ["ignore", "ignore", "pipe"] },
  );
  const port = await new Promise<number>((resolve, reject) => {
    let output = "";
    const timer = setTimeout(() => reject(new Error(`Chromium gave no DevTools port:\n${output}`)), 30_000);
    child.once("exit", (code) => reject(new Error(`Chromium exited (${code}):\n${output}`)));
    child.stderr!.on("data", (chunk) => {
      output += chunk;
      const match = /DevTools listening on ws:\/\/[^:]+:(\d+)\//.exec(output);
      if (match) {
        clearTimeout(timer);
        resolve(Number(match[1]));
      }
    });
  });
  const stop = () =>
    new Promise<void>((resolve) => {
      child.once("exit", () => resolve());
      child.kill("SIGTERM");
    }).finally(() => rmSync(profile, { recursive: true, force: true }));
  return { port, stop };
}

type Figures = { score: number; tbt: number; lcp: number; fcp: number; js: number };

const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];

/**
 * Lighthouse 13 (its Node API), mobile preset (simulated slow 4G, 4× CPU slowdown), performance
 * only, against Debian's Chromium: the median of BENCH_LIGHTHOUSE_RUNS runs (default 3) per page.
 * Skipped with BENCH_LIGHTHOUSE=0 (about 15 s a run).
 */
export async function benchLighthouse(pages: BenchPage[]) {
  if (process.env.BENCH_LIGHTHOUSE === "0") {
    printTable("Lighthouse mobile", ["pages", "status"], [["all", "skipped (BENCH_LIGHTHOUSE=0)"]]);
    return;
  }
  const runs = Math.max(1, Number(process.env.BENCH_LIGHTHOUSE_RUNS ?? 3));
  const { default: lighthouse } = await import("lighthouse");
  const chromium = await launchChromium();
  const rows: string[][] = [];
  const loadBefore = loadavg()[0];
  try {
    for (const page of pages) {
      const results: Figures[] = [];
      for (let run = 0; run < runs; run++) {
        const result = await lighthouse(page.url, {
          port: chromium.port,
          output: "json",
          logLevel: "error",
          onlyCategories: ["performance"],
        });
        if (!result) throw new Error(`Lighthouse returned nothing for ${page.url}`);
        const { audits, categories, runtimeError } = result.lhr;
        if (runtimeError) throw new Error(`Lighthouse on ${page.url}: ${runtimeError.message}`);
        const requests =
          (audits["network-requests"]?.details as { items?: { resourceType?: string; transferSize?: number }[] })
            ?.items ?? [];
        results.push({
          score: (categories.performance?.score ?? 0) * 100,
          tbt: audits["total-blocking-time"]?.numericValue ?? NaN,
          lcp: audits["largest-contentful-paint"]?.numericValue ?? NaN,
          fcp: audits["first-contentful-paint"]?.numericValue ?? NaN,
          js: requests.filter((r) => r.resourceType === "Script").reduce((n, r) => n + (r.transferSize ?? 0), 0),
        });
      }
      const pick = (key: keyof Figures) => median(results.map((r) => r[key]));
      rows.push([
        `${page.label} ${page.path}`,
        fixed(pick("score")),
        `${fixed(Math.min(...results.map((r) => r.score)))}–${fixed(Math.max(...results.map((r) => r.score)))}`,
        fixed(pick("tbt")),
        fixed(pick("lcp")),
        fixed(pick("fcp")),
        (pick("js") / 1024).toFixed(1),
      ]);
    }
  } finally {
    await chromium.stop();
  }
  printTable(
    `Lighthouse ${runs > 1 ? `mobile, median of ${runs} runs` : "mobile, one run"} (target on the release page: performance ≥ 95, TBT ≤ 200 ms; load average ${loadBefore.toFixed(1)} → ${loadavg()[0].toFixed(1)} on ${availableParallelism()} cores: TBT grows with other work on the machine)`,
    ["page", "performance", "range", "TBT ms", "LCP ms", "FCP ms", "JS transferred KB"],
    rows,
  );
}
