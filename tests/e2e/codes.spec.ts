import { expect, test } from "@playwright/test";
import { eq } from "drizzle-orm";
import { artistMembers, artists, downloadCodeBatches, downloadCodes, orders, releases } from "@/db/schema";
import { formatCode, newCode } from "@/lib/codes/generate";
import { artifacts, seedUser, signInWithPassword, testDb, uniqueId } from "./helpers";

/** A band with one member and a published album, built straight in the database. */
async function seedBandWithAlbum() {
  const user = await seedUser();
  const slug = `band-${uniqueId()}`;
  const [artist] = await testDb()
    .insert(artists)
    .values({ slug, name: `Band ${slug}`, currency: "EUR", country: "FR" })
    .returning();
  await testDb().insert(artistMembers).values({ artistId: artist.id, userId: user.id, role: "owner" });
  const [album] = await testDb()
    .insert(releases)
    .values({
      artistId: artist.id,
      slug: "tour-album",
      title: "Tour Album",
      status: "published",
      publishedAt: new Date(),
      pricingMode: "fixed",
      priceAmount: 800,
      currency: "EUR",
    })
    .returning();
  return { user, artist, album };
}

test("the band prints a sheet of 10 codes and a fan redeems one, once", async ({ page, browser }) => {
  const { user, artist, album } = await seedBandWithAlbum();
  await signInWithPassword(page, user.email, user.password);
  await expect(page).toHaveURL(new RegExp(`/dashboard/${artist.slug}$`));
  await page.getByRole("link", { name: "Codes", exact: true }).click();

  const form = page.getByTestId("new-batch-form");
  await form.getByLabel("Release").selectOption(album.id);
  await form.getByLabel("How many codes").fill("10");
  await form.getByLabel("Label (optional)").fill("Spring tour");
  await form.getByRole("button", { name: "Create codes" }).click();
  await expect(page.getByText("10 codes created.")).toBeVisible();
  const row = page.getByTestId("batch-row");
  await expect(row).toHaveCount(1);
  await expect(row).toContainText("Tour Album");
  await expect(row.getByTestId("batch-redeemed")).toHaveText("0");

  await row.getByTestId("batch-print").click();
  await expect(page.getByRole("heading", { name: "Cards for Tour Album" })).toBeVisible();
  const cards = page.getByTestId("code-card");
  await expect(cards).toHaveCount(10);
  await expect(cards.first().locator("svg")).toBeVisible();
  await page.screenshot({ path: `${artifacts}/codes-sheet.png`, fullPage: true });
  await page.emulateMedia({ media: "print" });
  await page.screenshot({ path: `${artifacts}/codes-sheet-print.png`, fullPage: true });
  await page.emulateMedia({ media: "screen" });

  const codes = await testDb().select().from(downloadCodes).where(eq(downloadCodes.artistId, artist.id));
  expect(codes).toHaveLength(10);
  const code = codes[0].code;
  await expect(page.getByTestId("card-code").filter({ hasText: formatCode(code) })).toHaveCount(1);

  // The band's CSV: a header and one row per code, each with its redeem link.
  const csvUrl = page.url().replace(/\/print$/, "/csv");
  const csv = await page.request.get(csvUrl);
  expect(csv.status()).toBe(200);
  const lines = (await csv.text()).trim().split("\r\n");
  expect(lines[0]).toBe("code,redeem_url,redeemed_at,redeemed_by");
  expect(lines).toHaveLength(11);

  // A fan, signed out, follows the card's QR code (typed in lower case here) to the band's redeem page.
  const fan = await browser.newPage();
  await fan.goto(`/${artist.slug}/redeem?code=${formatCode(code).toLowerCase()}`);
  const redeem = fan.getByTestId("redeem-form");
  await expect(redeem.getByLabel("Code")).toHaveValue(formatCode(code).toLowerCase());
  await redeem.getByLabel("Email").fill("fan@example.test");
  await redeem.getByRole("button", { name: "Get the download" }).click();
  await expect(fan.getByTestId("redeem-done")).toContainText("Tour Album");
  const link = fan.getByTestId("redeem-download");
  const href = await link.getAttribute("href");
  expect(href).toMatch(/\/download\/[\w-]+$/);
  await fan.screenshot({ path: `${artifacts}/codes-redeemed.png`, fullPage: true });
  expect((await fan.request.get(href!)).status()).toBe(200);
  const [order] = await testDb().select().from(orders).where(eq(orders.artistId, artist.id));
  expect(order).toMatchObject({
    status: "paid",
    provider: "code",
    source: "code",
    total: 0,
    email: "fan@example.test",
  });

  await fan.goto(`/${artist.slug}/redeem?code=${code}`);
  await fan.getByTestId("redeem-form").getByLabel("Email").fill("friend@example.test");
  await fan.getByRole("button", { name: "Get the download" }).click();
  await expect(fan.getByTestId("error-code")).toHaveText("This code has already been used.");
  await expect(fan.getByTestId("redeem-form").getByLabel("Email")).toHaveValue("friend@example.test");
  await fan.screenshot({ path: `${artifacts}/codes-used.png`, fullPage: true });

  await page.goto(`/dashboard/${artist.slug}/codes`);
  await expect(page.getByTestId("batch-redeemed")).toHaveText("1");

  // A member of another band, asking for this batch through their own band's URLs or this band's: 404 every time.
  const stranger = await seedBandWithAlbum();
  const other = await browser.newPage();
  await signInWithPassword(other, stranger.user.email, stranger.user.password);
  await expect(other).toHaveURL(new RegExp(`/dashboard/${stranger.artist.slug}$`));
  const batchPath = new URL(csvUrl).pathname.replace(/\/csv$/, "");
  for (const path of [batchPath, batchPath.replace(artist.slug, stranger.artist.slug)]) {
    expect((await other.request.get(`${path}/csv`)).status()).toBe(404);
    expect((await other.request.get(`${path}/print`)).status()).toBe(404);
  }
});

test("the band renames a batch, then withdraws it after being told what happens to its codes", async ({
  page,
  browser,
}) => {
  const { user, artist, album } = await seedBandWithAlbum();
  const [batch] = await testDb()
    .insert(downloadCodeBatches)
    .values({ artistId: artist.id, releaseId: album.id, label: "Spring tour", count: 3 })
    .returning();
  const codes = [newCode(), newCode(), newCode()];
  await testDb()
    .insert(downloadCodes)
    .values(
      codes.map((code, i) => ({
        batchId: batch.id,
        artistId: artist.id,
        releaseId: album.id,
        code,
        redeemedAt: i === 0 ? new Date() : null,
        redeemedEmail: i === 0 ? "early@example.test" : null,
      })),
    );

  // A member of another band cannot even open it.
  const stranger = await seedBandWithAlbum();
  const other = await browser.newPage();
  await signInWithPassword(other, stranger.user.email, stranger.user.password);
  await expect(other).toHaveURL(new RegExp(`/dashboard/${stranger.artist.slug}$`));
  for (const slug of [artist.slug, stranger.artist.slug])
    expect((await other.request.get(`/dashboard/${slug}/codes/${batch.id}`)).status()).toBe(404);

  await signInWithPassword(page, user.email, user.password);
  await expect(page).toHaveURL(new RegExp(`/dashboard/${artist.slug}$`));
  await page.goto(`/dashboard/${artist.slug}/codes`);
  await page.getByTestId("batch-row").getByTestId("batch-manage").click();
  await expect(page.getByRole("heading", { name: "Codes for Tour Album" })).toBeVisible();
  await expect(page.getByTestId("batch-summary")).toContainText("2 unused codes, 1 redeemed");
  const rename = page.getByTestId("rename-batch-form");
  await expect(rename.getByLabel("Label")).toHaveValue("Spring tour");
  await rename.getByLabel("Label").fill("  Autumn tour ");
  await rename.getByRole("button", { name: "Save label" }).click();
  await expect(page.getByText("Label saved.")).toBeVisible();
  await expect(rename.getByLabel("Label")).toHaveValue("Autumn tour");
  await page.getByRole("link", { name: "Back to codes" }).click();
  await expect(page.getByTestId("batch-row")).toContainText("Autumn tour");

  await page.getByTestId("batch-manage").click();
  await page.getByRole("button", { name: "Delete batch" }).click();
  const dialog = page.getByRole("dialog");
  await expect(dialog).toContainText("Its 2 unused codes stop working at once.");
  await expect(dialog).toContainText("The fan who redeemed 1 code keeps the download.");
  await page.screenshot({ path: `${artifacts}/codes-delete-confirm.png`, fullPage: true });
  await dialog.getByRole("button", { name: "Cancel" }).click();
  await expect(dialog).toBeHidden();
  expect(await testDb().select().from(downloadCodes).where(eq(downloadCodes.batchId, batch.id))).toHaveLength(3);

  await page.getByRole("button", { name: "Delete batch" }).click();
  await dialog.getByRole("button", { name: "Delete the batch" }).click();
  await expect(page).toHaveURL(new RegExp(`/dashboard/${artist.slug}/codes\\?deleted=2$`));
  await expect(page.getByText("Batch deleted: its 2 unused codes no longer work.")).toBeVisible();
  await expect(page.getByTestId("batch-row")).toHaveCount(0);
  expect(await testDb().select().from(downloadCodes).where(eq(downloadCodes.batchId, batch.id))).toEqual([]);

  // A fan holding one of the withdrawn cards hears what any mistyped code gets.
  const fan = await browser.newPage();
  await fan.goto(`/${artist.slug}/redeem?code=${formatCode(codes[1])}`);
  await fan.getByTestId("redeem-form").getByLabel("Email").fill("late@example.test");
  await fan.getByRole("button", { name: "Get the download" }).click();
  await expect(fan.getByTestId("error-code")).toHaveText(
    "This code doesn't exist. Check the letters on your card (there is no 0, O, 1 or I).",
  );
  expect(await testDb().select().from(orders).where(eq(orders.artistId, artist.id))).toEqual([]);
});

test("the band makes a 25% code and a fan pays the discounted total, shown on the payment page", async ({
  page,
  browser,
}) => {
  const { user, artist } = await seedBandWithAlbum();
  await signInWithPassword(page, user.email, user.password);
  await expect(page).toHaveURL(new RegExp(`/dashboard/${artist.slug}$`));
  await page.getByRole("link", { name: "Discounts", exact: true }).click();
  const form = page.getByTestId("discount-form");
  await form.getByLabel("Code", { exact: true }).fill("10% off!");
  await form.getByLabel("Amount", { exact: true }).fill("25");
  await form.getByRole("button", { name: "Create code" }).click();
  await expect(page.getByTestId("error-code")).toHaveText("Use 3 to 40 letters, digits, - or _.");
  await expect(form.getByLabel("Amount", { exact: true })).toHaveValue("25");
  await form.getByLabel("Code", { exact: true }).fill("tour25");
  await form.getByRole("button", { name: "Create code" }).click();
  await expect(page.getByText("Code TOUR25 created.")).toBeVisible();
  await expect(page.getByTestId("discount-row")).toContainText("TOUR25");
  await expect(page.getByTestId("discount-uses")).toHaveText("0");
  await page.screenshot({ path: `${artifacts}/discounts.png`, fullPage: true });

  const fan = await browser.newPage();
  await fan.goto(`/${artist.slug}/tour-album`);
  await fan.getByTestId("buy-panel").getByRole("button", { name: "Buy now" }).first().click();
  await expect(fan.getByTestId("cart-total")).toHaveText("€8.00");
  const discount = fan.getByTestId("discount-form");
  await discount.getByLabel("Discount code").fill("nope");
  await discount.getByRole("button", { name: "Apply" }).click();
  await expect(fan.getByTestId("discount-error")).toHaveText("This code doesn't exist for this band.");
  await discount.getByLabel("Discount code").fill("tour25");
  await discount.getByRole("button", { name: "Apply" }).click();
  await expect(fan.getByTestId("cart-discount")).toHaveText("−€2.00");
  await expect(fan.getByTestId("cart-total")).toHaveText("€6.00");
  await fan.screenshot({ path: `${artifacts}/cart-discount.png`, fullPage: true });

  await fan.getByTestId("checkout-form").getByLabel(/Email/).fill("fan@example.test");
  await fan
    .getByTestId("checkout-form")
    .getByRole("button", { name: /Checkout/ })
    .click();
  await expect(fan.getByTestId("test-banner")).toBeVisible();
  await expect(fan.getByText("−€2.00")).toBeVisible();
  await fan.getByRole("button", { name: /Pay €6.00/ }).click();
  await expect(fan.getByRole("heading", { name: "Thank you!" })).toBeVisible();
  const [order] = await testDb().select().from(orders).where(eq(orders.artistId, artist.id));
  expect(order).toMatchObject({ status: "paid", subtotal: 800, discount: 200, total: 600 });

  await page.reload();
  await expect(page.getByTestId("discount-uses")).toHaveText("1");

  // The band edits the code: 30%, and a limit of one use (the one just made).
  await page.getByRole("link", { name: "Edit TOUR25" }).click();
  const edit = page.getByTestId("discount-form");
  await expect(edit.getByLabel("Amount", { exact: true })).toHaveValue("25");
  await edit.getByLabel("Amount", { exact: true }).fill("30");
  await edit.getByLabel("Usage limit (optional)").fill("1");
  await edit.getByRole("button", { name: "Save" }).click();
  await expect(page.getByText("Code TOUR25 saved.")).toBeVisible();
  await page.getByRole("link", { name: "Back to discount codes" }).click();
  await expect(page.getByTestId("discount-row")).toContainText("30%");
  await expect(page.getByTestId("discount-uses")).toHaveText("1 / 1");
  expect(
    (await page.request.get(`/dashboard/${artist.slug}/discounts/00000000-0000-4000-8000-000000000000`)).status(),
  ).toBe(404);
});
