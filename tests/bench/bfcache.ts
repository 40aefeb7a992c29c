import { chromium, type Browser } from "@playwright/test";
import { CHROMIUM_ARGS, CHROMIUM_PATH } from "@/tests/support/chromium";
import type { BenchPage } from "./page-weight";
import { printTable } from "./table";

type Outcome = { restored: boolean; reasons: string[] };

/**
 * Whether Chromium keeps the page in its back/forward cache: open it, follow to another page,
 * come back. Chromium says why it did not (CDP Page.backForwardCacheNotUsed, every reason, not only
 * the first). `withoutNoStore` strips Cache-Control from the page's response in the browser, to
 * see what else would block the cache once the page cache serves the page without no-store.
 */
async function tryBackForward(browser: Browser, url: string, away: string, withoutNoStore: boolean): Promise<Outcome> {
  const context = await browser.newContext();
  const page = await context.newPage();
  try {
    if (withoutNoStore)
      await page.route(url, async (route) => {
        const response = await route.fetch();
        const headers = { ...response.headers() };
        delete headers["cache-control"];
        await route.fulfill({ response, headers });
      });
    const cdp = await context.newCDPSession(page);
    await cdp.send("Page.enable");
    const reasons: string[] = [];
    cdp.on("Page.backForwardCacheNotUsed", (event) => {
      for (const r of event.notRestoredExplanations) reasons.push(r.context ? `${r.reason} (${r.context})` : r.reason);
    });
    await page.addInitScript(() => {
      addEventListener("pageshow", (event) => {
        (window as unknown as { restored: boolean }).restored = event.persisted;
      });
    });
    await page.goto(url, { waitUntil: "networkidle" });
    await page.goto(away, { waitUntil: "load" });
    // A page restored from the cache fires pageshow, not load.
    await page.goBack({ waitUntil: "commit" });
    await page.waitForFunction(() => document.readyState === "complete");
    await page.waitForTimeout(500);
    const restored = await page.evaluate(() => (window as unknown as { restored?: boolean }).restored === true);
    return { restored, reasons };
  } finally {
    await context.close();
  }
}

/** Back/forward cache for each fan page, as served and without its no-store. */
export async function benchBackForwardCache(pages: BenchPage[], away: string) {
  const browser = await chromium.launch({
    executablePath: CHROMIUM_PATH,
    args: CHROMIUM_ARGS,
    // Playwright turns the cache off by default (so that route() sees every goBack); a fan does not.
    ignoreDefaultArgs: ["--disable-back-forward-cache"],
  });
  const rows: string[][] = [];
  try {
    for (const { label, path, url } of pages) {
      for (const stripped of [false, true]) {
        const outcome = await tryBackForward(browser, url, away, stripped).catch((error: Error) => ({
          restored: false,
          reasons: [`measurement failed: ${error.message.split("\n")[0]}`],
        }));
        rows.push([
          `${label} ${path}${stripped ? ", no-store removed" : ""}`,
          outcome.restored ? "restored" : "not restored",
          outcome.reasons.join(", ") || "—",
        ]);
      }
    }
  } finally {
    await browser.close();
  }
  printTable("Back/forward cache (Chromium)", ["page", "back", "why not (CDP)"], rows);
}
