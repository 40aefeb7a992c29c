import { expect, test, type Page } from "@playwright/test";
import sharp from "sharp";
import { artistMembers, artists, releases } from "@/db/schema";
import { artifacts, pictureFile, seedUser, signInWithPassword, testDb, uniqueId } from "./helpers";

const MB = 1024 * 1024;
const TOO_LARGE = "This image is 11 MB; the limit is 10 MB. Export a smaller one.";

async function seedBand() {
  const user = await seedUser();
  const slug = `band-${uniqueId()}`;
  const [artist] = await testDb()
    .insert(artists)
    .values({ slug, name: `Band ${slug}`, currency: "EUR" })
    .returning();
  await testDb().insert(artistMembers).values({ artistId: artist.id, userId: user.id, role: "owner" });
  return { user, artist };
}

/** Puts a file in the artwork input the way a script would: no change event, so no browser check. */
async function setWithoutChangeEvent(page: Page, content: number[] | number, name: string) {
  await page.evaluate(
    ({ content, name }) => {
      const input = document.querySelector<HTMLInputElement>('input[name="artwork"]')!;
      const files = new DataTransfer();
      files.items.add(
        new File([typeof content === "number" ? new Uint8Array(content) : Uint8Array.from(content)], name, {
          type: "image/png",
        }),
      );
      input.files = files.files;
    },
    { content, name },
  );
}

/** A real photo of about `mb` megabytes (noise does not compress), each under the 10 MB limit. */
async function heavyPhoto(name: string, mb: number) {
  const side = Math.round(Math.sqrt((mb * MB) / 3));
  const pixels = Buffer.alloc(side * side * 3);
  for (let i = 0; i < pixels.length; i++) pixels[i] = (i * 2654435761) >>> 24;
  const buffer = await sharp(pixels, { raw: { width: side, height: side, channels: 3 } })
    .png({ compressionLevel: 0 })
    .toBuffer();
  return { name, mimeType: "image/png", buffer };
}

test("an 11 MB cover gets the size message in the browser and from the server, small artwork a warning, never a 500", async ({
  page,
}) => {
  const { user, artist } = await seedBand();
  await signInWithPassword(page, user.email, user.password);
  await expect(page).toHaveURL(new RegExp(`/dashboard/${artist.slug}$`));
  const [release] = await testDb()
    .insert(releases)
    .values({ artistId: artist.id, slug: "heavy-cover", title: "Heavy Cover", priceAmount: 700 })
    .returning();
  await page.goto(`/dashboard/${artist.slug}/releases/${release.id}`);
  await expect(page.getByTestId("release-title")).toHaveText("Heavy Cover");
  const statuses: number[] = [];
  page.on("response", (response) => {
    if (response.request().method() === "POST") statuses.push(response.status());
  });

  // In the browser, the moment it is picked: nothing is sent.
  const artwork = page.getByLabel("Artwork");
  await artwork.setInputFiles({ name: "huge.png", mimeType: "image/png", buffer: Buffer.alloc(11 * MB, 1) });
  await expect(page.getByTestId("error-artwork")).toHaveText(TOO_LARGE);
  await expect(artwork).toHaveValue("");
  await page.screenshot({ path: `${artifacts}/artwork-too-large.png`, fullPage: true });

  // Small artwork is accepted, with a word about its size: the moment it is picked...
  const small = await pictureFile("small.png", 600, 600);
  await artwork.setInputFiles(small);
  await expect(page.getByTestId("error-artwork")).toHaveCount(0);
  const warning =
    "This artwork is 600×600 px; 1400×1400 or larger looks sharp on big screens. You can keep it and replace it later.";
  await expect(page.getByTestId("artwork-warning")).toHaveText(warning);
  // ...and from the server once uploaded (here sent past the browser's checks).
  await page.reload();
  await setWithoutChangeEvent(page, [...small.buffer], "small.png");
  await expect(page.getByTestId("artwork-warning")).toHaveCount(0);
  await page.getByRole("button", { name: "Save details" }).click();
  await expect(page.getByText("Saved.")).toBeVisible();
  await expect(page.getByTestId("artwork-warning")).toHaveText(warning);
  await page.screenshot({ path: `${artifacts}/artwork-small-warning.png`, fullPage: true });
  await page.reload();
  await expect(page.getByTestId("artwork-warning")).toHaveCount(0);

  // The 11 MB file sent past the browser's check gets the same message from the server.
  await setWithoutChangeEvent(page, 11 * MB, "huge.png");
  await page.getByRole("button", { name: "Save details" }).click();
  await expect(page.getByTestId("error-artwork")).toHaveText(TOO_LARGE);
  await page.screenshot({ path: `${artifacts}/artwork-too-large-server.png`, fullPage: true });

  // Bigger than any form may be (five pictures at the limit): a clear 413 before Next reads it.
  const huge = await page.request.post(page.url(), {
    headers: { "Next-Action": "0".repeat(40), "Content-Type": "multipart/form-data; boundary=x" },
    data: Buffer.alloc(52 * MB),
  });
  expect(huge.status()).toBe(413);
  expect(await huge.text()).toBe(
    "This upload is 52 MB; a form takes up to 51 MB in all, and each picture up to 10 MB. Export smaller pictures and try again.",
  );
  expect(statuses.filter((s) => s >= 500)).toEqual([]);
});

test("two 6 MB product photos, each under the limit, are saved together; a 11 MB one is stopped in the browser", async ({
  page,
}) => {
  test.setTimeout(120_000);
  const { user, artist } = await seedBand();
  await signInWithPassword(page, user.email, user.password);
  await expect(page).toHaveURL(new RegExp(`/dashboard/${artist.slug}$`));
  await page.goto(`/dashboard/${artist.slug}/merch/new`);
  const form = page.getByTestId("product-form");
  await form.getByLabel("Type").selectOption("shirt");
  await form.getByLabel("Title").fill("Heavy Shirt");
  await form.getByLabel("Price").fill("20");
  const photos = form.locator('input[type="file"]');
  await photos.setInputFiles([
    await heavyPhoto("front.png", 6),
    { name: "back.png", mimeType: "image/png", buffer: Buffer.alloc(11 * MB, 1) },
  ]);
  await expect(page.getByTestId("error-photos")).toHaveText("“back.png” is 11 MB; photos can be up to 10 MB.");
  await expect(photos).toHaveValue("");

  const [front, back] = [await heavyPhoto("front.png", 6), await heavyPhoto("back.png", 6)];
  expect(front.buffer.length + back.buffer.length).toBeGreaterThan(10 * MB);
  await photos.setInputFiles([front, back]);
  await expect(page.getByTestId("error-photos")).toHaveCount(0);
  await form.getByRole("button", { name: "Add item" }).click();
  await expect(page.getByTestId("product-title")).toHaveText("Heavy Shirt", { timeout: 30_000 });
  await expect(page.getByRole("img", { name: "Photo 2" })).toBeVisible();
});
