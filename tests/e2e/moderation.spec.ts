import { createServer, type Server } from "node:http";
import { expect, test, type Browser } from "@playwright/test";
import { eq } from "drizzle-orm";
import { artistMembers, artists, releases, tracks, users } from "@/db/schema";
import { baseURL } from "@/playwright.config";
import { artifacts, seedUser, signInWithPassword, testDb, uniqueId } from "./helpers";

/** A band with one published release, its owner, and an operator (made one in the database). */
async function bandAndOperator() {
  const db = testDb();
  const owner = await seedUser();
  const operator = await seedUser();
  await db.update(users).set({ operatorSince: new Date() }).where(eq(users.id, operator.id));
  const [artist] = await db
    .insert(artists)
    .values({ slug: `tide-${uniqueId()}`, name: "Tidewater", country: "FR", currency: "EUR" })
    .returning();
  await db.insert(artistMembers).values({ artistId: artist.id, userId: owner.id, role: "owner" });
  const [release] = await db
    .insert(releases)
    .values({
      artistId: artist.id,
      slug: `borrowed-${uniqueId()}`,
      title: "Borrowed Songs",
      status: "published",
      publishedAt: new Date(),
      pricingMode: "fixed",
      priceAmount: 800,
      currency: "EUR",
    })
    .returning();
  await db.insert(tracks).values({
    releaseId: release.id,
    artistId: artist.id,
    position: 1,
    title: "Not Ours",
    masterKey: `masters/${uniqueId()}.flac`,
    status: "ready",
  });
  return { owner, operator, artist, release };
}

/** The band's own website, on another origin, with the release widget in an iframe. */
async function bandWebsite(releaseId: string): Promise<{ url: string; server: Server }> {
  const body = `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Tidewater</title></head><body>
    <h1>Tidewater</h1>
    <iframe src="${baseURL}/embed/release/${releaseId}" title="Player" style="width:100%;height:300px;border:0" data-testid="release-frame"></iframe>
    </body></html>`;
  const server = createServer((request, response) => {
    if (request.url !== "/") return void response.writeHead(404).end();
    response.writeHead(200, { "Content-Type": "text/html; charset=utf-8" }).end(body);
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as { port: number };
  return { url: `http://127.0.0.1:${port}`, server };
}

async function signedIn(browser: Browser, user: { email: string; password: string }) {
  const context = await browser.newContext();
  const page = await context.newPage();
  await signInWithPassword(page, user.email, user.password);
  await page.waitForURL((url) => !url.pathname.startsWith("/signin"));
  return { context, page };
}

test("a fan reports a release without an account; an operator takes it down; fans and the band see it", async ({
  browser,
  page: fan,
}) => {
  const { owner, operator, artist, release } = await bandAndOperator();
  const releasePath = `/${artist.slug}/${release.slug}`;
  const message = `These are songs from my band's 2019 album, uploaded by someone else (ref ${uniqueId()}).`;

  // The fan, signed out, follows the discreet link at the foot of the release page.
  await fan.goto(releasePath);
  await expect(fan.getByRole("heading", { name: "Borrowed Songs" })).toBeVisible();
  await fan.getByTestId("report-link").click();
  await expect(fan).toHaveURL(new RegExp(`/report\\?shop=${artist.slug}&release=${release.slug}`));
  const form = fan.getByTestId("report-form");
  // A report with no message is refused with a word on the field, and nothing is lost.
  await form.getByLabel("What is the problem?").selectOption("copyright");
  await form.getByRole("button", { name: "Send the report" }).click();
  await expect(fan.getByTestId("error-message")).toContainText("Write a few words");
  await form.getByLabel("What should we know?").fill(message);
  await form.getByLabel("Your e-mail (optional)").fill("real-band@example.test");
  await fan.screenshot({ path: `${artifacts}/moderation-report-form.png`, fullPage: true });
  await form.getByRole("button", { name: "Send the report" }).click();
  await expect(fan.getByTestId("report-thanks")).toContainText("Thank you");
  // The same form in French, at its /fr address.
  await fan.goto(`/fr/report?shop=${artist.slug}&release=${release.slug}`);
  await expect(fan.getByRole("heading", { name: "Signaler un problème" })).toBeVisible();

  // The operator handles it from the queue, with a reason.
  const ops = await signedIn(browser, operator);
  await ops.page.goto("/admin/reports");
  const item = ops.page.getByTestId("report-item").filter({ hasText: message });
  await expect(item).toContainText("Tidewater");
  await expect(item).toContainText("Borrowed Songs");
  await ops.page.screenshot({ path: `${artifacts}/moderation-queue.png`, fullPage: true });
  await item.getByLabel(/^Reason/).fill("Copyright claim by the rights holder");
  await item.getByRole("button", { name: "Take the release down" }).click();
  await expect(ops.page.getByRole("status")).toContainText("The release is down");
  await ops.page.goto("/admin/reports?status=actioned");
  await expect(ops.page.getByTestId("report-item").filter({ hasText: message })).toContainText(
    "Copyright claim by the rights holder",
  );
  await ops.context.close();

  // The release page is the neutral unavailable page (the cached copy is replaced within seconds).
  await expect.poll(async () => (await fan.request.get(releasePath)).status(), { timeout: 15_000 }).toBe(404);
  await fan.goto(releasePath);
  await expect(fan.getByTestId("unavailable")).toContainText("This page is not available.");
  await expect(fan.locator("body")).not.toContainText("Copyright claim");
  await expect(fan.locator('meta[name="robots"]')).toHaveAttribute("content", /noindex/);
  await fan.screenshot({ path: `${artifacts}/moderation-unavailable.png`, fullPage: true });

  // The band's own site: the widget in its iframe says the release is not available.
  const site = await bandWebsite(release.id);
  try {
    await fan.goto(site.url);
    const frame = fan.frameLocator('[data-testid="release-frame"]');
    await expect(frame.getByTestId("embed-unavailable")).toContainText("This is not available.");
    await expect(frame.locator("body")).not.toContainText("Borrowed Songs");
    await fan.screenshot({ path: `${artifacts}/moderation-widget.png`, fullPage: true });
  } finally {
    site.server.close();
  }

  // The band reads what happened, and why, in its activity page.
  const band = await signedIn(browser, owner);
  await band.page.goto(`/dashboard/${artist.slug}/activity`);
  const entry = band.page.getByTestId("activity-entry").first();
  await expect(entry).toContainText("Merchtable took down “Borrowed Songs”");
  await expect(entry).toContainText("Reason: Copyright claim by the rights holder");
  await expect(band.page.locator("body")).not.toContainText(operator.email);
  await band.page.screenshot({ path: `${artifacts}/moderation-activity.png`, fullPage: true });
  await band.page.goto(`/dashboard/${artist.slug}/releases/${release.id}`);
  await expect(band.page.getByTestId("banner-takenDown")).toContainText("Copyright claim by the rights holder");
  await band.page.screenshot({ path: `${artifacts}/moderation-release-banner.png`, fullPage: true });
  // The queue is not theirs: a band owner gets the ordinary 404.
  expect((await band.page.goto("/admin/reports"))?.status()).toBe(404);
  await band.context.close();
});

test("a fan reports a whole shop; the operator suspends the band; its page, widget and cart close and the band reads why", async ({
  browser,
  page: fan,
}) => {
  const { owner, operator, artist } = await bandAndOperator();
  const message = `Fake merch shop taking money for nothing (ref ${uniqueId()}).`;

  await fan.goto(`/${artist.slug}`);
  await fan.getByTestId("report-link").click();
  const form = fan.getByTestId("report-form");
  await form.getByLabel("What is the problem?").selectOption("fraud");
  await form.getByLabel("What should we know?").fill(message);
  await form.getByRole("button", { name: "Send the report" }).click();
  await expect(fan.getByTestId("report-thanks")).toBeVisible();

  const ops = await signedIn(browser, operator);
  await ops.page.goto("/admin/reports");
  const item = ops.page.getByTestId("report-item").filter({ hasText: message });
  await expect(item).toContainText("The whole shop");
  // A report about the whole shop offers no take-down of a release; a decision needs a reason.
  await expect(item.getByRole("button", { name: "Take the release down" })).toHaveCount(0);
  // Without a reason the form is not even sent (the action refuses one too, lib/moderation).
  await item.getByRole("button", { name: "Suspend the band" }).click();
  expect(await item.getByLabel(/^Reason/).evaluate((el: HTMLTextAreaElement) => el.validity.valueMissing)).toBe(true);
  await expect(ops.page).toHaveURL(/\/admin\/reports$/);
  await item.getByLabel(/^Reason/).fill("Orders never shipped");
  await item.getByRole("button", { name: "Suspend the band" }).click();
  await expect(ops.page.getByRole("status")).toContainText("The shop is suspended");
  await ops.context.close();

  await expect.poll(async () => (await fan.request.get(`/${artist.slug}`)).status(), { timeout: 15_000 }).toBe(404);
  await fan.goto(`/fr/${artist.slug}`);
  await expect(fan.getByTestId("unavailable")).toContainText("Cette page n’est pas disponible.");
  await expect(fan.locator("body")).not.toContainText("Tidewater");
  const widget = await fan.request.get(`/embed/shop/${artist.slug}`);
  expect(widget.status()).toBe(404);
  expect(await widget.text()).not.toContain("Tidewater");
  expect((await fan.request.get(`/${artist.slug}/cart`)).status()).toBe(404);

  const band = await signedIn(browser, owner);
  await band.page.goto(`/dashboard/${artist.slug}`);
  await expect(band.page.getByTestId("banner-suspended")).toContainText("Orders never shipped");
  await band.page.screenshot({ path: `${artifacts}/moderation-suspended-overview.png` });
  await band.page.goto(`/dashboard/${artist.slug}/activity`);
  await expect(band.page.getByTestId("activity-entry").first()).toContainText("Merchtable suspended your shop");
  await band.context.close();
});
