import { rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { expect, test, type Page } from "@playwright/test";
import { eq } from "drizzle-orm";
import { artists } from "@/db/schema";
import {
  artifacts,
  createBandThroughOnboarding,
  pictureFile,
  seedUser,
  signInWithPassword,
  testDb,
  uniqueId,
} from "./helpers";

async function onboarding(page: Page) {
  const user = await seedUser();
  await signInWithPassword(page, user.email, user.password);
  await expect(page).toHaveURL(/\/onboarding$/);
  return user;
}

const countArtists = async (slug: string) =>
  (await testDb().select().from(artists).where(eq(artists.slug, slug))).length;

test("each bad onboarding input gets a clear message and stores nothing", async ({ page }) => {
  await onboarding(page);
  const submit = page.getByRole("button", { name: "Create my shop" });
  const name = page.getByLabel("Band or artist name");
  const slug = page.getByLabel("Shop address");

  // A slug of "api"
  await name.fill("API");
  await expect(slug).toHaveValue("api");
  await submit.click();
  await expect(page.getByText("“api” is reserved by Merchtable. Pick another address.")).toBeVisible();
  expect(await countArtists("api")).toBe(0);

  // An empty name
  await name.fill("");
  await slug.fill(`nameless-${uniqueId()}`);
  await submit.click();
  await expect(page.getByText("Give your band a name.")).toBeVisible();

  // A duplicate slug
  await name.fill("Copycats");
  await slug.fill("demo-band");
  await submit.click();
  await expect(page.getByText("Another band already uses this address. Pick another one.")).toBeVisible();

  // An "image" that is really a text file
  const textSlug = `text-${uniqueId()}`;
  await name.fill("Text Pretending");
  await slug.fill(textSlug);
  await page.getByLabel("Picture").setInputFiles({
    name: "cover.jpg",
    mimeType: "image/jpeg",
    buffer: Buffer.from("these are my notes, not a photo\n"),
  });
  await submit.click();
  await expect(
    page.getByText("This file is not an image (it looks like text). Upload a JPEG, PNG, WebP, GIF or AVIF."),
  ).toBeVisible();
  expect(await countArtists(textSlug)).toBe(0);
  await page.screenshot({ path: `${artifacts}/onboarding-errors.png`, fullPage: true });
});

test("a 50 MB image is refused before it is even sent", async ({ page }) => {
  await onboarding(page);
  const big = await pictureFile("huge.png");
  // Playwright only passes buffers under 50 MB, so the huge file goes through the disk.
  const path = join(tmpdir(), `merchtable-huge-${uniqueId()}.png`);
  await writeFile(path, Buffer.concat([big.buffer, Buffer.alloc(50 * 1024 * 1024)]));
  await page.getByLabel("Banner").setInputFiles(path);
  await rm(path);
  await expect(page.getByText("This image is 51 MB; the limit is 10 MB. Export a smaller one.")).toBeVisible();
  expect(await page.getByLabel("Banner").evaluate((input: HTMLInputElement) => input.files?.length)).toBe(0);
});

test("a member edits the profile and sees a refused picture explained", async ({ page }) => {
  const user = await seedUser();
  await signInWithPassword(page, user.email, user.password);
  await createBandThroughOnboarding(page, `Editors ${uniqueId()}`);
  await page.getByRole("link", { name: "Profile" }).click();
  await page.getByLabel("Location").fill("Brussels");
  await page
    .getByLabel("Banner")
    .setInputFiles({ name: "x.png", mimeType: "image/png", buffer: Buffer.from("%PDF-1.4 fake") });
  await page.getByRole("button", { name: "Save changes" }).click();
  await expect(page.getByText("This file is not an image (it looks like PDF).")).toBeVisible();
  await page.getByLabel("Banner").setInputFiles(await pictureFile("banner.png", 2000, 600));
  await page.getByRole("button", { name: "Save changes" }).click();
  await expect(page.getByText("Saved. Your shop shows the changes now.")).toBeVisible();
});
