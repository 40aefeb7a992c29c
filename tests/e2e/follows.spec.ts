import AxeBuilder from "@axe-core/playwright";
import { expect, test, type Page } from "@playwright/test";
import { and, eq } from "drizzle-orm";
import { artists, follows } from "@/db/schema";
import { deliverQueuedEmails } from "@/lib/email/queue";
import { sendFollowDigests } from "@/lib/follows/digest";
import { LIBRARY_COOKIE, sealLibrarySession } from "@/lib/library/session";
import { mailFor } from "./gift-steps";
import { artifacts, seedFreeBand, signInWithPassword, testDb, uniqueId } from "./helpers";

/** axe, as tests/e2e/accessibility.spec.ts runs it: no serious or critical violation. */
async function checkPage(page: Page, name: string) {
  await page.waitForLoadState("load");
  await expect(page).toHaveTitle(/\S/);
  const results = await new AxeBuilder({ page }).withTags(["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]).analyze();
  const serious = results.violations.filter((v) => v.impact === "serious" || v.impact === "critical");
  expect
    .soft(
      serious.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(" ")).join(", ")}`),
      name,
    )
    .toEqual([]);
}

/** A band with one published album and a second ready to publish (Pro: it may publish both). */
async function seedBand() {
  const band = await seedFreeBand();
  await testDb().update(artists).set({ plan: "pro" }).where(eq(artists.id, band.artist.id));
  return band;
}

const followOf = async (artistId: string, email: string) =>
  (
    await testDb()
      .select()
      .from(follows)
      .where(and(eq(follows.artistId, artistId), eq(follows.email, email)))
  )[0];

test("a fan follows a band from a release page with an e-mail only, confirms, hears of its next release, and leaves in one click", async ({
  page,
  request,
}) => {
  test.setTimeout(120_000);
  const { user, artist, album, second } = await seedBand();
  const fan = `follower-${uniqueId()}@example.test`;

  await page.goto(`/${artist.slug}/${album.slug}`);
  await page.screenshot({ path: `${artifacts}/follow-release-button.png` });
  await page.getByTestId("follow-button").click();
  await expect(page).toHaveURL(new RegExp(`/${artist.slug}/follow\\?from=release$`));
  await expect(page.getByRole("heading", { level: 1 })).toHaveText(`Follow ${artist.name}`);
  await checkPage(page, "follow page");
  await page.screenshot({ path: `${artifacts}/follow-page.png`, fullPage: true });
  await page.setViewportSize({ width: 390, height: 844 });
  await checkPage(page, "follow page, phone");
  await page.screenshot({ path: `${artifacts}/follow-page-phone.png`, fullPage: true });
  await page.setViewportSize({ width: 1280, height: 720 });
  const form = page.getByTestId("follow-form");
  await form.getByLabel("Your e-mail").fill("not an address");
  await form.getByRole("button", { name: "Follow" }).click();
  await expect(form.getByText("Enter a valid e-mail address, like name@example.com.")).toBeVisible();
  await form.getByLabel("Your e-mail").fill(fan);
  await form.getByRole("button", { name: "Follow" }).click();
  await expect(page.getByTestId("follow-sent")).toHaveText(
    `Almost there: we sent a link to ${fan}. Open it within 3 days to confirm.`,
  );
  await page.screenshot({ path: `${artifacts}/follow-sent.png` });
  expect(await followOf(artist.id, fan)).toMatchObject({ status: "pending", source: "release" });

  await page.goto("/dev/mail");
  const confirmation = mailFor(page, fan, `Confirm: follow ${artist.name} on Merchtable`);
  await confirmation.getByRole("link", { name: /\/follows\/confirm\// }).click();
  await expect(page.getByRole("heading", { level: 1 })).toHaveText(`Follow ${artist.name}`);
  await checkPage(page, "confirm page");
  await page.screenshot({ path: `${artifacts}/follow-confirm.png` });
  await page.getByRole("button", { name: "Confirm" }).click();
  await expect(page.getByText(`Done: you follow ${artist.name}. Its new releases will reach ${fan}.`)).toBeVisible();
  expect((await followOf(artist.id, fan)).status).toBe("confirmed");
  await page.reload();
  await expect(page.getByText(`${fan} already follows ${artist.name}.`)).toBeVisible();

  // The band publishes its next release and sees its follower.
  await signInWithPassword(page, user.email, user.password);
  await expect(page).toHaveURL(new RegExp(`/dashboard/${artist.slug}$`));
  await page.goto(`/dashboard/${artist.slug}/releases/${second.id}`);
  await page.getByRole("button", { name: "Publish", exact: true }).click();
  await expect(page.getByTestId("release-status")).toContainText("Published");
  await page.goto(`/dashboard/${artist.slug}/fans`);
  await expect(page.getByTestId("follower-count")).toHaveText("1 follower");
  await expect(page.getByTestId("follower-row")).toHaveCount(1);
  await expect(page.getByTestId("follower-row")).toContainText(fan);
  await expect(page.getByTestId("follower-row")).toContainText("Release page");
  await checkPage(page, "fans page with followers");
  await page.getByTestId("followers").screenshot({ path: `${artifacts}/follow-dashboard.png` });

  // The digest chore's run (the worker's every-five-minutes job), then the mail leaves.
  expect(await sendFollowDigests(testDb())).toBeGreaterThanOrEqual(1);
  await deliverQueuedEmails(testDb(), 200);
  await page.goto("/dev/mail");
  const digest = mailFor(page, fan, `New from ${artist.name}: Second Album`);
  await expect(digest).toContainText(`Second Album by ${artist.name}`);
  await expect(digest).not.toContainText("First Album");
  // A second run the same day sends nothing more.
  await sendFollowDigests(testDb());
  await deliverQueuedEmails(testDb(), 200);
  await page.reload();
  await expect(
    page.getByTestId("dev-mail").filter({ has: page.getByTestId("dev-mail-to").getByText(fan, { exact: true }) }),
  ).toHaveCount(2);

  // The links carry the address the test process renders with: the path is what counts here.
  const stop = await digest.getByRole("link", { name: /\/follows\/unsubscribe\/f:/ }).getAttribute("href");
  const path = new URL(stop!).pathname;
  await page.goto(path);
  await expect(page.getByText(`Stop e-mails about ${artist.name}'s new releases to ${fan}?`)).toBeVisible();
  await checkPage(page, "unsubscribe page");
  await page.screenshot({ path: `${artifacts}/follow-unsubscribe.png` });
  expect((await followOf(artist.id, fan)).unsubscribedAt).toBeNull();

  // What a mail client sends for List-Unsubscribe-Post (RFC 8058): no cookies, maybe its own Origin.
  const oneClick = await request.post(path, {
    form: { "List-Unsubscribe": "One-Click" },
    headers: { origin: "https://mail.example" },
  });
  expect(oneClick.status()).toBe(200);
  expect(await oneClick.text()).toBe(`Done: ${fan} no longer follows ${artist.name}.`);
  expect((await followOf(artist.id, fan)).unsubscribedAt).toBeInstanceOf(Date);
  await page.reload();
  await expect(page.getByText(`${fan} does not follow ${artist.name} any more.`)).toBeVisible();
});

test("a fan signed in to the library follows from the shop in one click and unfollows from the library", async ({
  page,
  context,
}) => {
  const { artist } = await seedBand();
  const fan = `library-${uniqueId()}@example.test`;
  await page.goto(`/${artist.slug}`);
  await page.screenshot({ path: `${artifacts}/follow-shop-button.png` });
  await context.addCookies([
    { name: LIBRARY_COOKIE, value: sealLibrarySession(fan).value, url: new URL(page.url()).origin },
  ]);
  await page.getByTestId("follow-button").click();
  await expect(page).toHaveURL(new RegExp(`/${artist.slug}/follow\\?from=shop$`));
  await page.getByRole("button", { name: `Follow as ${fan}` }).click();
  await expect(page.getByTestId("follow-state")).toHaveText(`You follow ${artist.name} as ${fan}.`);
  await checkPage(page, "follow page, following");
  await page.screenshot({ path: `${artifacts}/follow-page-following.png` });
  expect(await followOf(artist.id, fan)).toMatchObject({ status: "confirmed", source: "shop" });

  await page.goto("/library");
  const following = page.getByTestId("library-following");
  await expect(following.getByTestId("following-band")).toHaveText(new RegExp(artist.name));
  await checkPage(page, "library with follows");
  await following.screenshot({ path: `${artifacts}/follow-library.png` });
  await following.getByRole("button", { name: `Unfollow ${artist.name}` }).click();
  await expect(following.getByTestId("following-band")).toHaveCount(0);
  expect((await followOf(artist.id, fan)).unsubscribedAt).toBeInstanceOf(Date);
});

test("a widget's Follow link opens the band's follow page in a new tab", async ({ page }) => {
  const { artist, album } = await seedBand();
  await page.goto(`/embed/release/${album.id}`);
  const link = page.getByTestId("embed-follow");
  await expect(link).toHaveAttribute("href", `/${artist.slug}/follow?from=widget`);
  await expect(link).toHaveAttribute("target", "_blank");
  await page.getByTestId("embed-widget").screenshot({ path: `${artifacts}/follow-widget.png` });
  await page.goto(`/embed/shop/${artist.slug}`);
  await expect(page.getByTestId("embed-follow")).toHaveAttribute("href", `/${artist.slug}/follow?from=widget`);
  await page.getByTestId("embed-widget").screenshot({ path: `${artifacts}/follow-widget-shop.png` });
});
