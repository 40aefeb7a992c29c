import AxeBuilder from "@axe-core/playwright";
import { expect, test, type Page } from "@playwright/test";
import { and, eq } from "drizzle-orm";
import { fanSubscriptions, follows, posts } from "@/db/schema";
import { LIBRARY_COOKIE, sealLibrarySession } from "@/lib/library";
import { followWithEmailOnly } from "./follow-steps";
import { linkInMail, mailFor } from "./gift-steps";
import { artifacts, pictureFile, seedFreeBand, signInWithPassword, testDb, uniqueId } from "./helpers";

/** axe as tests/e2e/accessibility.spec.ts runs it: no serious or critical WCAG 2.1 AA violation. */
async function expectAccessible(page: Page) {
  await page.waitForLoadState("load");
  const { violations } = await new AxeBuilder({ page })
    .withTags(["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"])
    .analyze();
  const bad = violations.filter((v) => v.impact === "serious" || v.impact === "critical");
  expect(bad.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(" ")).join(", ")}`)).toEqual([]);
}

test("a fan follows a band with an e-mail only; the band writes a post with a link and a picture, previews it, tests it, publishes it; the follower gets it once and can leave", async ({
  page,
}) => {
  test.setTimeout(150_000);
  const { user, artist } = await seedFreeBand();
  // The fan has no account: the shop's Follow button, an e-mail, the confirmation link.
  const follower = `follower-${uniqueId()}@example.test`;
  await followWithEmailOnly(page, artist, follower);

  await signInWithPassword(page, user.email, user.password);
  await expect(page).toHaveURL(new RegExp(`/dashboard/${artist.slug}$`));
  await page.getByRole("link", { name: "News", exact: true }).first().click();
  await expect(page.getByRole("heading", { level: 1, name: "News" })).toBeVisible();
  await page.getByTestId("news-write").click();

  const form = page.getByTestId("post-form");
  await form.getByLabel("Title").fill("Tour dates are in");
  await form
    .getByLabel("Text")
    .fill("We are on the road this spring.\n\nTickets: [our tour page](https://tour.example/dates)");
  const upload = page.getByTestId("post-image-form");
  await upload.getByLabel("Add a picture").setInputFiles(await pictureFile("van.png", 1600, 900));
  await upload.getByLabel("Describe the picture").fill("Our van in the snow");
  await upload.getByRole("button", { name: "Upload picture" }).click();
  await expect(upload.getByText("Picture added at the end of the text.")).toBeVisible();
  await expect(form.getByLabel("Text")).toHaveValue(/!\[Our van in the snow\]\(\/media\/artists\/.+-1200\.webp\)/);
  await form.getByLabel("Attach a release").selectOption({ label: "First Album" });
  await form.getByRole("button", { name: "Save" }).click();

  // The edit page: the preview is the fans' own component.
  await expect(page.getByRole("heading", { level: 1, name: "Edit post" })).toBeVisible();
  const preview = page.getByTestId("post-preview");
  await expect(preview.getByRole("heading", { name: "Tour dates are in" })).toBeVisible();
  await expect(preview.getByRole("link", { name: "our tour page" })).toHaveAttribute(
    "href",
    "https://tour.example/dates",
  );
  await expect(preview.getByRole("img", { name: "Our van in the snow" })).toBeVisible();
  await expect(preview.getByTestId("post-release")).toContainText("First Album");
  await page.screenshot({ path: `${artifacts}/news-editor.png`, fullPage: true });
  await expectAccessible(page);

  await page.getByTestId("post-test").getByRole("button", { name: "Send me a test" }).click();
  await expect(page.getByText(`Test sent to ${user.email}.`)).toBeVisible();

  await page.getByTestId("post-publish").getByRole("button", { name: "Publish and send" }).click();
  await expect(page.getByText("Published. It is being sent to 1 fan.")).toBeVisible();
  await expect(page.getByTestId("post-publish")).toHaveCount(0);

  // The member's test and the follower's mail, each in the dev outbox.
  await linkInMail(page, user.email, `[Test] ${artist.name}: Tour dates are in`, /\/news\//);
  // The mailing goes through the job queue, behind whatever else the worker has to do.
  await expect(async () => {
    await page.goto("/dev/mail");
    await expect(mailFor(page, follower, `${artist.name}: Tour dates are in`)).toBeVisible({ timeout: 1000 });
  }).toPass({ timeout: 90_000 });
  const unsubscribe = await linkInMail(page, follower, `${artist.name}: Tour dates are in`, /\/news\/unsubscribe\//);
  const mail = mailFor(page, follower, `${artist.name}: Tour dates are in`);
  await expect(mail).toContainText("our tour page (https://tour.example/dates)");
  await expect(mail).toContainText("We are on the road this spring.");

  // The shop page lists it; its page shows it as the preview did.
  await page.goto(`/${artist.slug}`);
  const news = page.getByTestId("shop-news");
  await expect(news.getByRole("heading", { name: "News" })).toBeVisible();
  await page.screenshot({ path: `${artifacts}/news-shop.png`, fullPage: true });
  await news.getByRole("link", { name: "Tour dates are in" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Tour dates are in" })).toBeVisible();
  await expect(page.getByRole("link", { name: "our tour page" })).toHaveAttribute("href", "https://tour.example/dates");
  await expect(page.getByRole("img", { name: "Our van in the snow" })).toBeVisible();
  await page.screenshot({ path: `${artifacts}/news-post.png`, fullPage: true });
  await expectAccessible(page);

  // The mail's unsubscribe link asks once, then ends the follow.
  await page.goto(unsubscribe);
  await expect(page.getByText(`Stop news from ${artist.name} to ${follower}?`)).toBeVisible();
  await expectAccessible(page);
  await page.getByRole("button", { name: "Unsubscribe" }).click();
  await expect(page.getByText(`${follower} will no longer get news from ${artist.name}.`)).toBeVisible();
  const [follow] = await testDb()
    .select()
    .from(follows)
    .where(and(eq(follows.artistId, artist.id), eq(follows.email, follower)));
  expect(follow.unsubscribedAt).toBeInstanceOf(Date);

  // The band's counts: one recipient, delivered, unsubscribed.
  await page.goto(`/dashboard/${artist.slug}/news`);
  await page.getByRole("link", { name: "Tour dates are in" }).click();
  await expect(page.getByTestId("count-recipients")).toHaveText("1");
  await expect(page.getByTestId("count-delivered")).toHaveText("1");
  await expect(page.getByTestId("count-unsubscribed")).toHaveText("1");
  await expect(page.getByTestId("count-toSend")).toHaveText("0");
  await page.screenshot({ path: `${artifacts}/news-counts.png`, fullPage: true });
  await expectAccessible(page);
});

test("a post's form refuses a javascript: link with a clear message and saves nothing", async ({ page }) => {
  const { user, artist } = await seedFreeBand();
  await signInWithPassword(page, user.email, user.password);
  await expect(page).toHaveURL(new RegExp(`/dashboard/${artist.slug}$`));
  await page.goto(`/dashboard/${artist.slug}/news/new`);
  const form = page.getByTestId("post-form");
  await form.getByLabel("Title").fill("Sneaky");
  await form.getByLabel("Text").fill("[win](javascript:alert(1))");
  await form.getByRole("button", { name: "Save" }).click();
  await expect(form.getByText("links must start with http:// or https://")).toBeVisible();
  await expect(page).toHaveURL(/\/news\/new$/);
  await page.goto(`/dashboard/${artist.slug}/news`);
  await expect(page.getByText("No posts yet.")).toBeVisible();
});

test("a subscribers-only post shows a teaser to everyone and the whole text to a live subscriber", async ({
  page,
  context,
}) => {
  const { artist } = await seedFreeBand();
  const slug = `backstage-${uniqueId()}`;
  await testDb().insert(posts).values({
    artistId: artist.id,
    slug,
    title: "Backstage notes",
    body: "First lines everyone may read.\n\nThe secret setlist: only for subscribers.",
    audience: "subscribers",
    status: "published",
    publishedAt: new Date(),
  });
  const subscriber = `sub-${uniqueId()}@example.test`;
  await testDb().insert(fanSubscriptions).values({
    artistId: artist.id,
    email: subscriber,
    provider: "test",
    interval: "month",
    amount: 500,
    currency: "EUR",
    status: "active",
  });

  await page.goto(`/${artist.slug}/news/${slug}`);
  await expect(page.getByTestId("post-teaser")).toContainText("First lines everyone may read.");
  await expect(page.getByText("The secret setlist")).toHaveCount(0);
  await expect(page.getByText(`The rest of this post is for ${artist.name}’s subscribers.`)).toBeVisible();
  await expectAccessible(page);

  const session = sealLibrarySession(subscriber);
  await context.addCookies([{ name: LIBRARY_COOKIE, value: session.value, url: new URL(page.url()).origin }]);
  await page.reload();
  await expect(page.getByTestId("post-body")).toContainText("The secret setlist: only for subscribers.");
  await expect(page.getByTestId("post-teaser")).toHaveCount(0);
});
