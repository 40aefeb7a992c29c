import { chromium } from "@playwright/test";
import { CHROMIUM_ARGS, CHROMIUM_PATH } from "@/tests/support/chromium";

/**
 * Screenshots of the main pages, desktop and phone, for a person to look at:
 *   PORT=3300 npm start   (in another shell), then
 *   BASE=http://localhost:3300 npx tsx tests/support/screenshots.ts
 * PNGs land in tests/.artifacts/shots/.
 */
const base = process.env.BASE ?? "http://localhost:3000";
const out = "tests/.artifacts/shots/";

async function main() {
  const browser = await chromium.launch({
    executablePath: CHROMIUM_PATH,
    args: CHROMIUM_ARGS,
  });
  for (const [name, viewport] of [
    ["desktop", { width: 1280, height: 900 }],
    ["mobile", { width: 390, height: 844 }],
  ] as const) {
    const context = await browser.newContext({ viewport, baseURL: base });
    const page = await context.newPage();
    const shot = async (path: string, file: string) => {
      await page.goto(path);
      await page.screenshot({ path: `${out}${file}-${name}.png`, fullPage: true });
    };
    await shot("/", "home");
    await shot("/demo-band", "demo");
    await shot("/demo-band/first-light", "release");
    await shot("/signin", "signin");
    const form = page.getByTestId("password-signin");
    await form.getByLabel("Email").fill("demo@merchtable.local");
    await form.getByLabel("Password").fill("demo-band-password");
    await form.getByRole("button", { name: "Sign in" }).click();
    await page.waitForURL(/dashboard/);
    await shot("/dashboard/demo-band", "dashboard");
    await shot("/dashboard/demo-band/settings", "settings");
    await shot("/dashboard/demo-band/members", "members");
    await shot("/dashboard/demo-band/releases", "releases");
    await context.close();
  }
  await browser.close();
}

main();
