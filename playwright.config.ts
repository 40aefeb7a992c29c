import { defineConfig } from "@playwright/test";
import { appServerCommand } from "./lib/cli/server-command";
import { CHROMIUM_ARGS, CHROMIUM_PATH } from "./tests/support/chromium";

const port = Number(process.env.E2E_PORT ?? 3210);
/** tests/support/run-all.ts sets this (one folder per TEST_INSTANCE). */
export const artifacts = process.env.E2E_ARTIFACTS ?? "tests/.artifacts";
// "localhost", not 127.0.0.1: Next rewrites loopback addresses to localhost in request URLs,
// so Auth.js redirects would otherwise jump to another origin and lose the session cookie.
export const baseURL = `http://localhost:${port}`;
const server = appServerCommand(port, "127.0.0.1");

/**
 * Browser tests drive Debian's Chromium (Playwright's own browser download is not possible here)
 * against the production server (lib/cli/server.ts). tests/support/run-all.ts prepares the database and the build first.
 */
export default defineConfig({
  testDir: "tests/e2e",
  outputDir: `${artifacts}/playwright`,
  workers: 1,
  timeout: 60_000,
  expect: { timeout: 10_000 },
  reporter: [["list"], ["json", { outputFile: `${artifacts}/playwright.json` }]],
  use: {
    baseURL,
    locale: "en-GB",
    launchOptions: {
      executablePath: CHROMIUM_PATH,
      args: [...CHROMIUM_ARGS, "--autoplay-policy=no-user-gesture-required"],
    },
  },
  webServer: {
    // The server `npm start` runs (lib/cli/server.ts), so the browser tests hear the stream fast path.
    command: [server.command, ...server.args].join(" "),
    url: `${baseURL}/api/health`,
    reuseExistingServer: false,
    timeout: 90_000,
    stdout: "ignore",
    stderr: "pipe",
    // The browser reaches the server from loopback: trusting it lets a test say where the fan is
    // with X-Forwarded-For (tests/e2e/vat-cart.spec.ts); without that header nothing changes.
    // The workers fetch exchange rates at start when none are fresh: never the real ECB from a test
    // (tests/e2e/approximate-prices.spec.ts stores the rates of its own stand-in).
    env: {
      ...server.env,
      APP_URL: baseURL,
      TRUSTED_PROXIES: "127.0.0.1,::1",
      EXCHANGE_RATES_URL: "http://127.0.0.1:9/eurofxref-daily.xml",
    },
  },
});
