import { execFileSync } from "node:child_process";
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { expect, test } from "@playwright/test";
import { artifacts, createBandThroughOnboarding, seedUser, signInWithPassword, uniqueId } from "./helpers";

function wav(dir: string, name: string, frequency: number) {
  const file = path.join(dir, `${name}.wav`);
  execFileSync("ffmpeg", [
    "-v",
    "error",
    "-y",
    "-f",
    "lavfi",
    "-i",
    `sine=frequency=${frequency}:duration=3`,
    "-ac",
    "2",
    "-ar",
    "44100",
    file,
  ]);
  return file;
}

const titles = (page: import("@playwright/test").Page) => page.getByTestId("track-title").allTextContents();

test("a band uploads three masters, reorders them, publishes, and fans see the release", async ({ page }) => {
  test.setTimeout(120_000);
  const user = await seedUser();
  await signInWithPassword(page, user.email, user.password);
  const band = `Uploaders ${uniqueId()}`;
  await createBandThroughOnboarding(page, band);

  await page.getByRole("link", { name: "Releases" }).click();
  // A click while the previous navigation is still on its way can be dropped by the router.
  await expect(page.getByRole("heading", { name: "Releases", level: 1 })).toBeVisible();
  await page.getByRole("link", { name: "New release" }).click();
  await expect(page).toHaveURL(/\/releases\/new$/);
  await page.getByLabel("Title").fill("Three Tones");
  await page.getByLabel("Type").selectOption("ep");
  await page.getByRole("button", { name: "Create release" }).click();
  await expect(page.getByTestId("release-title")).toHaveText("Three Tones");

  const dir = mkdtempSync(path.join(tmpdir(), "mt-e2e-"));
  // Picked in another order, finishing in any order: numbered by name.
  await page
    .getByTestId("track-files")
    .setInputFiles([wav(dir, "Charlie", 550), wav(dir, "Alpha", 330), wav(dir, "Bravo", 440)]);
  const rows = page.getByTestId("upload-row");
  await expect(rows).toHaveCount(3);
  await expect(page.getByRole("progressbar", { name: /Uploading/ })).toHaveCount(3);
  for (const row of await rows.all()) await expect(row).toHaveAttribute("data-state", "done", { timeout: 30_000 });
  await expect(page.getByTestId("track-row")).toHaveCount(3);
  expect(await titles(page)).toEqual(["Alpha", "Bravo", "Charlie"]);

  // Keyboard: the first track's handle, arrow down → it becomes second.
  const first = (await titles(page))[0];
  await page.getByTestId("drag-handle").first().focus();
  await page.keyboard.press("ArrowDown");
  await expect(page.getByTestId("reorder-announcement")).toHaveText(`${first} moved to position 2 of 3.`);
  expect((await titles(page))[1]).toBe(first);

  // Drag: the last track onto the first row.
  const last = (await titles(page))[2];
  await page.getByTestId("drag-handle").nth(2).dragTo(page.getByTestId("track-row").first());
  await expect(page.getByTestId("track-title").first()).toHaveText(last);
  const order = await titles(page);

  // The order is saved: it survives a reload.
  await expect(async () => {
    await page.reload();
    expect(await titles(page)).toEqual(order);
  }).toPass({ timeout: 10_000 });

  // The worker inside the server converts each track.
  await expect(page.getByTestId("track-status")).toHaveText(["Ready", "Ready", "Ready"], { timeout: 60_000 });
  await page.screenshot({ path: `${artifacts}/release-editor.png`, fullPage: true });

  // No price yet: publishing is refused, and the message leads to the price field.
  await page.getByRole("button", { name: "Publish" }).click();
  await expect(page.getByRole("alert").filter({ hasText: "This release has no price yet" })).toBeVisible();
  await expect(page.getByTestId("release-status")).toContainText("Draft");
  await page.screenshot({ path: `${artifacts}/publish-unpriced.png` });
  await page.getByTestId("publish-fix").click();
  await expect(page.locator("#release-priceAmount")).toBeFocused();
  await page.locator("#release-priceAmount").fill("7");
  await page.getByRole("button", { name: "Save prices" }).click();
  await expect(page.getByText("Prices saved.")).toBeVisible();

  await page.getByRole("button", { name: "Publish" }).click();
  await expect(page.getByTestId("release-status")).toContainText("Published");

  await page.getByRole("link", { name: "View shop" }).click();
  await expect(page.getByRole("link", { name: /Three Tones/ }).first()).toBeVisible();
});

test("a file that is not audio is refused with a clear message and nothing is added", async ({ page }) => {
  const user = await seedUser();
  await signInWithPassword(page, user.email, user.password);
  await createBandThroughOnboarding(page, `Refused ${uniqueId()}`);
  await page.getByRole("link", { name: "Releases" }).click();
  await page.getByRole("link", { name: "New release" }).click();
  await page.getByLabel("Title").fill("Bad Files");
  await page.getByRole("button", { name: "Create release" }).click();
  await page.getByTestId("track-files").setInputFiles({
    name: "song.wav",
    mimeType: "audio/wav",
    buffer: Buffer.from("these are lyrics, not a recording\n"),
  });
  await expect(page.getByTestId("upload-row")).toHaveAttribute("data-state", "error");
  await expect(page.getByRole("alert").filter({ hasText: "This file is a text file, not audio" })).toBeVisible();
  await expect(page.getByTestId("track-row")).toHaveCount(0);
  await page.getByRole("button", { name: "Publish" }).click();
  await expect(page.getByText("Add at least one track and wait until it is ready before publishing.")).toBeVisible();
});
