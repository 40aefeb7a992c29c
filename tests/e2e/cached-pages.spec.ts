import { expect, test, type Page } from "@playwright/test";
import { artistMembers, artists, releases } from "@/db/schema";
import { DEMO } from "@/db/seed";
import { seedUser, signInWithPassword, testDb, uniqueId } from "./helpers";

/**
 * Fan pages are shared copies (lib/http/shared-render.ts): the same bytes for everyone, with the
 * visitor's own links filled in by the browser from /api/visitor.
 */
const RELEASE = "/demo-band/first-light";

async function visitorAnswered(page: Page) {
  await page.waitForResponse((response) => response.url().includes("/api/visitor"));
}

test("a cached release page is the same bytes for a member and a stranger; only the member sees the edit link", async ({
  page,
  browser,
}) => {
  const stranger = await browser.newContext();
  const first = await stranger.request.get(RELEASE);
  const second = await stranger.request.get(RELEASE);
  // From the copy: fresh, or past its soft age while one refill runs (STALE).
  expect(["HIT", "STALE"]).toContain(second.headers()["x-cache"]);
  expect(second.headers()["set-cookie"]).toBeUndefined();
  expect(second.headers()["cache-control"]).toContain("public");
  const strangerHtml = await second.text();
  expect(await first.text()).toBe(strangerHtml);

  await signInWithPassword(page, DEMO.email, DEMO.password);
  await expect(page).toHaveURL(/\/dashboard/);
  const memberHtml = await (await page.request.get(RELEASE)).text();
  expect(memberHtml).toBe(strangerHtml);
  expect(memberHtml).not.toContain(DEMO.email);

  const answered = visitorAnswered(page);
  await page.goto(RELEASE);
  await answered;
  await expect(page.getByTestId("edit-release")).toBeVisible();
  await expect(page.getByTestId("signed-in-as")).toHaveText(DEMO.email);

  const strangerPage = await stranger.newPage();
  const strangerAnswered = visitorAnswered(strangerPage);
  await strangerPage.goto(RELEASE);
  await strangerAnswered;
  await expect(strangerPage.getByRole("link", { name: "Sign in" })).toBeVisible();
  await expect(strangerPage.getByTestId("edit-release")).toHaveCount(0);
  await stranger.close();
});

test("a script in a band's bio, a release title or its text does not run on a cached page", async ({ page }) => {
  const db = testDb();
  const owner = await seedUser();
  const evil = `<script>window.__pwned = 1</script><img src=x onerror="window.__pwned = 2">`;
  const [artist] = await db
    .insert(artists)
    .values({ slug: `xss-${uniqueId()}`, name: `Band ${evil}`, bio: `Hello ${evil}` })
    .returning();
  await db.insert(artistMembers).values({ artistId: artist.id, userId: owner.id, role: "owner" });
  await db.insert(releases).values({
    artistId: artist.id,
    slug: "evil",
    title: `Title ${evil}`,
    description: `About ${evil}`,
    status: "published",
    publishedAt: new Date(),
    priceAmount: 500,
  });
  const dialogs: string[] = [];
  page.on("dialog", (dialog) => {
    dialogs.push(dialog.message());
    void dialog.dismiss();
  });
  for (const path of [`/${artist.slug}/evil`, `/${artist.slug}`]) {
    await page.request.get(path); // fills the cache
    const answered = visitorAnswered(page);
    const response = await page.goto(path);
    await answered;
    expect(["HIT", "STALE"]).toContain(response?.headers()["x-cache"]);
    const scriptSrc = /script-src [^;]*/.exec(response?.headers()["content-security-policy"] ?? "")?.[0];
    expect(scriptSrc).toMatch(/^script-src 'self'( 'sha256-[A-Za-z0-9+/=]+')+$/);
    await expect(page.getByText("Hello <script>").or(page.getByText("Title <script>")).first()).toBeVisible();
    expect(await page.evaluate(() => (window as unknown as { __pwned?: number }).__pwned)).toBeUndefined();
  }
  expect(dialogs).toEqual([]);
});
