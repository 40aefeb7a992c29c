import { expect, test, type Page } from "@playwright/test";
import { eq } from "drizzle-orm";
import { downloadGrants, orders } from "@/db/schema";
import { DEMO } from "@/db/seed";
import { artifacts, signInWithPassword, testDb, uniqueId } from "./helpers";

/** The demo band's album "First Light" at €7 (seeded before the run). */
const ALBUM = "/demo-band/first-light";

function mailTo(page: Page, email: string, text: string) {
  return page
    .getByTestId("dev-mail")
    .filter({ has: page.getByTestId("dev-mail-to").getByText(email, { exact: true }) })
    .filter({ hasText: text })
    .first();
}

async function pay(page: Page) {
  await page.getByTestId("gift-form").getByRole("button", { name: "Continue to payment" }).click();
  await expect(page.getByTestId("test-banner")).toContainText("No money moves");
  await page.getByRole("button", { name: /Pay €7.00/ }).click();
  await expect(page.getByRole("heading", { name: "Thank you!" })).toBeVisible();
}

test("a fan gives the demo album to a friend for today; the friend's e-mail carries the message and opens the downloads", async ({
  page,
}) => {
  test.setTimeout(90_000);
  const buyer = `giver-${uniqueId()}@example.test`;
  const friend = `friend-${uniqueId()}@example.test`;
  const message = "Happy birthday, Sam! Play track 3 loud.";
  await page.goto(ALBUM);
  await page.getByTestId("buy-panel").screenshot({ path: `${artifacts}/album-gift-link.png` });
  await page.getByTestId("buy-as-gift").click();
  await expect(page).toHaveURL(/\/demo-band\/first-light\/gift$/);
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Give First Light as a gift");
  await expect(page.getByTestId("gift-price")).toHaveText("€7.00");

  const form = page.getByTestId("gift-form");
  await form.getByLabel("Their e-mail").fill(friend);
  await form.getByLabel("Their name (optional)").fill("Sam");
  await form.getByLabel("Your name, as they will see it (optional)").fill("Robin");
  await form.getByLabel("Your message (optional)").fill(message);
  await form.getByLabel("Your e-mail").fill(buyer);
  // A date in the past is refused by the server with a clear error (the browser's own check is lifted for this).
  await form.getByLabel("Delivery date").evaluate((input: HTMLInputElement) => {
    input.removeAttribute("min");
    input.value = "2020-01-01";
  });
  await form.getByRole("button", { name: "Continue to payment" }).click();
  await expect(form.getByTestId("gift-field-error")).toHaveText("The delivery date cannot be in the past.");
  expect(await testDb().select().from(orders).where(eq(orders.email, buyer))).toHaveLength(0);
  // What the fan typed stays in the form next to the error.
  await expect(form.getByLabel("Their e-mail")).toHaveValue(friend);
  await expect(form.getByLabel("Your message (optional)")).toHaveValue(message);
  const today = await page.evaluate(() => new Intl.DateTimeFormat("en-CA").format(new Date()));
  await form.getByLabel("Delivery date").fill(today);
  await page.screenshot({ path: `${artifacts}/album-gift-form.png`, fullPage: true });
  await pay(page);

  await expect(page.getByTestId("gift-note")).toContainText(`Your gift has been sent to ${friend}.`);
  await expect(page.getByTestId("go-to-downloads")).toHaveCount(0);
  const [order] = await testDb().select().from(orders).where(eq(orders.email, buyer));
  expect(order).toMatchObject({ status: "paid", total: 700, gift: { recipientEmail: friend, message } });
  const grants = await testDb().select().from(downloadGrants).where(eq(downloadGrants.orderId, order.id));
  expect(grants.map((g) => g.email)).toEqual([friend]);

  await page.getByTestId("go-to-gift").click();
  await expect(page.getByTestId("gift-message")).toHaveText(message);
  await expect(page.getByTestId("gift-qr")).toHaveCount(0);

  await page.goto("/dev/mail");
  const receipt = mailTo(page, buyer, "Your purchase from");
  await expect(receipt).toContainText(`Your gift has been sent to ${friend}.`);
  await expect(receipt).not.toContainText("/download/");
  const mail = mailTo(page, friend, "Robin gave you First Light by The Demo Band");
  await expect(mail).toContainText(message);
  await expect(mail).toContainText("Hello Sam,");
  await mail.getByRole("link", { name: /\/download\// }).click();
  await expect(page.getByTestId("download-item")).toHaveCount(1);
  await expect(page.getByTestId("download-item-title")).toHaveText("First Light");

  // The band sees a sale, marked as a gift, without the friend's address.
  await signInWithPassword(page, DEMO.email, DEMO.password);
  await expect(page).toHaveURL(/\/dashboard/);
  await page.goto(`/dashboard/demo-band/orders/${order.id}`);
  await expect(page.getByTestId("order-gift")).toContainText("A gift, e-mailed to its recipient on");
  await expect(page.getByTestId("order-gift")).toContainText("(delivered)");
  await expect(page.locator("main")).not.toContainText(friend);
  await expect(page.locator("main")).toContainText(buyer);
});

test("a fan prints the gift: its page shows the artwork, the message and a QR code of the download link", async ({
  page,
}) => {
  const buyer = `printer-${uniqueId()}@example.test`;
  await page.goto(`${ALBUM}/gift`);
  const form = page.getByTestId("gift-form");
  await form.getByLabel("I'll print it and hand it over").check();
  await expect(form.getByLabel("Their e-mail")).toHaveCount(0);
  await form.getByLabel("Their name (optional)").fill("Grandpa Jo");
  await form.getByLabel("Your name, as they will see it (optional)").fill("Lou");
  await form.getByLabel("Your message (optional)").fill("For the long winter evenings.\nLove, Lou");
  await form.getByLabel("Your e-mail").fill(buyer);
  await pay(page);

  await expect(page.getByTestId("gift-note")).toContainText("Your gift is ready to print");
  const [order] = await testDb().select().from(orders).where(eq(orders.email, buyer));
  const grants = await testDb().select().from(downloadGrants).where(eq(downloadGrants.orderId, order.id));
  expect(grants.map((g) => g.email)).toEqual([buyer]);
  await page.getByTestId("go-to-gift").click();
  await expect(page).toHaveURL(/\/gift\/order\/[0-9a-f-]{36}\.[A-Za-z0-9_-]{32}$/);
  await expect(page.getByTestId("gift-title")).toHaveText("First Light");
  await expect(page.getByTestId("gift-qr").locator("svg")).toBeVisible();
  await page.screenshot({ path: `${artifacts}/album-gift-print.png`, fullPage: true });
  const link = await page.getByTestId("gift-link").getAttribute("href");
  expect(link).toMatch(/\/download\/[A-Za-z0-9_-]{43}$/);
  await page.goto(link!);
  await expect(page.getByTestId("download-item-title")).toHaveText("First Light");

  // A token that was not signed here opens nothing.
  const response = await page.goto(`/gift/order/${order.id}.${"A".repeat(32)}`);
  expect(response?.status()).toBe(404);
});
