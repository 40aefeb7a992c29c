import { expect, test, type Page } from "@playwright/test";
import { artists, releases, tracks } from "@/db/schema";
import { LIBRARY_COOKIE, sealLibrarySession } from "@/lib/library";
import { artifacts, paidAlbumOrder, testDb, uniqueId } from "./helpers";

const LYRICS = "Wheels on the motorway\nAmps in the back\n\nSing it again";

/** A fan who bought the demo band's "First Light" (real FLAC masters), with a library session. */
async function collector(page: Page) {
  const { email } = await paidAlbumOrder(`collector-${uniqueId()}@example.test`);
  await page.context().addCookies([{ name: LIBRARY_COOKIE, value: sealLibrarySession(email).value, url: page.url() }]);
  return email;
}

/** Another band's single with lyrics on its track: the release the fan hearts. */
async function songWithLyrics() {
  const db = testDb();
  const slug = `words-${uniqueId()}`;
  const [artist] = await db
    .insert(artists)
    .values({ slug, name: `The Wordsmiths ${slug}`, currency: "EUR", country: "FR" })
    .returning();
  const [release] = await db
    .insert(releases)
    .values({
      artistId: artist.id,
      slug: "spoken",
      title: "Spoken",
      kind: "single",
      status: "published",
      publishedAt: new Date(),
      credits: "Words and music by the Wordsmiths",
      pricingMode: "fixed",
      priceAmount: 300,
      currency: "EUR",
    })
    .returning();
  await db.insert(tracks).values({
    releaseId: release.id,
    artistId: artist.id,
    position: 1,
    title: "Motorway Hymn",
    lyrics: LYRICS,
    masterKey: `masters/${artist.id}/none.flac`,
    status: "ready",
  });
  return { artist, release, path: `/${artist.slug}/spoken` };
}

test("a fan hearts a release, reads its lyrics by keyboard, downloads the whole collection from the mail, and exports the CSV", async ({
  page,
}) => {
  test.setTimeout(240_000);
  await page.goto("/");
  const email = await collector(page);
  const song = await songWithLyrics();

  // The heart: the release page is one cached copy, the fan's own state comes from the API.
  await page.goto(song.path);
  const heart = page.getByTestId("wishlist-heart");
  await expect(heart).toHaveAttribute("aria-pressed", "false");
  await heart.click();
  await expect(heart).toHaveAttribute("aria-pressed", "true");
  await expect(heart).toHaveText("On your wishlist (remove)");
  await expect(page.getByTestId("release-credits")).toContainText("Words and music by the Wordsmiths");

  // Lyrics: folded, opened with the keyboard alone.
  const lyrics = page.getByTestId("track-lyrics");
  const summary = lyrics.locator("summary");
  await expect(summary).toContainText("Motorway Hymn");
  await expect(page.getByRole("region", { name: "Lyrics of Motorway Hymn" })).toBeHidden();
  await summary.focus();
  await page.keyboard.press("Enter");
  await expect(lyrics).toHaveAttribute("open", "");
  await expect(page.getByRole("region", { name: "Lyrics of Motorway Hymn" })).toContainText("Amps in the back");
  await page.screenshot({ path: `${artifacts}/collection-release-lyrics.png`, fullPage: true });

  // The library: its sections, the purchase, the wishlist with a link to the release.
  await page.goto("/library");
  await expect(page.getByRole("navigation", { name: "In your library" })).toBeVisible();
  await expect(page.getByRole("heading", { level: 2, name: "Purchases" })).toBeVisible();
  await expect(page.getByTestId("library-entry-title")).toHaveText(["First Light"]);
  const wished = page.getByTestId("wishlist-item");
  await expect(wished).toHaveCount(1);
  await expect(wished.getByRole("link", { name: "Spoken" })).toHaveAttribute("href", song.path);
  await page.screenshot({ path: `${artifacts}/collection-library.png`, fullPage: true });

  // The CSV of the collection (fetched: the browser's downloads do not work here).
  const csvHref = (await page.getByTestId("collection-csv").getAttribute("href"))!;
  const csv = await page.request.get(csvHref);
  expect(csv.status()).toBe(200);
  expect(csv.headers()["content-type"]).toContain("text/csv");
  const lines = (await csv.text())
    .replace(/^\uFEFF/, "")
    .trim()
    .split("\r\n");
  expect(lines[0]).toBe("band,release,kind,bought_on,price_paid,currency,page");
  expect(lines).toHaveLength(2);
  expect(lines[1]).toMatch(
    /^The Demo Band,First Light,album,\d{4}-\d\d-\d\d \d\d:\d\d:\d\d,7\.00,EUR,http.*\/demo-band\/first-light$/,
  );

  // The whole collection in MP3 320: one job prepares the album's zip, then one mail.
  await page.getByLabel("Format").selectOption("mp3-320");
  await page.getByRole("button", { name: "Prepare the download" }).click();
  await expect(page.getByTestId("collection-export-result")).toContainText("We are preparing your collection");
  await page.getByRole("button", { name: "Prepare the download" }).click();
  await expect(page.getByTestId("collection-export-result")).toContainText("already being prepared");

  const mail = page
    .getByTestId("dev-mail")
    .filter({ has: page.getByTestId("dev-mail-to").getByText(email, { exact: true }) })
    .filter({ hasText: "Your collection is ready to download" });
  await expect(async () => {
    await page.goto("/dev/mail");
    await expect(mail).toHaveCount(1, { timeout: 1000 });
  }).toPass({ timeout: 180_000, intervals: [3000] });
  await expect(mail).toContainText("The Demo Band — First Light (MP3 320, zip)");
  const href = (await mail.getByRole("link", { name: /\/api\/download\// }).getAttribute("href"))!;
  const zip = await page.request.get(href);
  expect(zip.status()).toBe(200);
  expect(zip.headers()["content-type"]).toBe("application/zip");
  expect(zip.headers()["content-disposition"]).toContain("The Demo Band - First Light (MP3 320).zip");
  expect((await zip.body()).length).toBeGreaterThan(1_000_000);

  await page.goto("/library");
  await expect(page.getByTestId("collection-export-status")).toContainText("Links e-mailed on");

  // The public page: off by default, then on under a name, without the address.
  const slug = `fan-${uniqueId()}`;
  expect((await page.request.get(`/fans/${slug}`)).status()).toBe(404);
  await page.getByLabel("Show my collection on a public page").check();
  await page.getByLabel("Name shown on the page").fill("Collector Ana");
  await page.getByLabel("Page address").fill(slug);
  await page.getByRole("button", { name: "Save" }).click();
  await expect(page.getByTestId("public-page-live")).toContainText(`/fans/${slug}`);
  await page.goto(`/fans/${slug}`);
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Collector Ana's collection");
  await expect(page.getByTestId("fan-collection-item")).toHaveText([/First Light/]);
  expect(await page.content()).not.toContain(email);
  await page.screenshot({ path: `${artifacts}/collection-public-page.png`, fullPage: true });
});

test("a heart in a widget opens the wishlist page, which asks a fan with no session to sign in by e-mail", async ({
  page,
}) => {
  const song = await songWithLyrics();
  await page.goto(`/embed/release/${song.release.id}`);
  const heart = page.getByTestId("embed-wishlist");
  await expect(heart).toHaveAttribute("target", "_blank");
  await expect(heart).toHaveAttribute("href", `/library/wishlist/${song.release.id}`);
  await page.goto(`/library/wishlist/${song.release.id}`);
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Your wishlist");
  await expect(page.getByText("Sign in to your library to keep Spoken")).toBeVisible();
  await expect(page.getByTestId("library-link-form")).toBeVisible();
  await page.screenshot({ path: `${artifacts}/collection-wishlist-signin.png`, fullPage: true });
  // A made-up release id changes nothing and says so.
  await page.goto(`/library/wishlist/${crypto.randomUUID()}`);
  await expect(page.getByText("This release is not available.")).toBeVisible();
});
