import { expect, test, type Page } from "@playwright/test";
import { eq } from "drizzle-orm";
import { orders } from "@/db/schema";
import { checkLedger } from "@/lib/credit";
import { seedCheapTracks } from "./credit-steps";
import {
  buyPlatformGiftCard,
  giftRedeemLink,
  linkInMail,
  redeemAndSeeBalance,
  signInFromRedeemPage,
  type GiftOrder,
} from "./gift-steps";
import { artifacts, testDb, uniqueId } from "./helpers";

const newOrder = (): GiftOrder => ({
  buyer: `giver-${uniqueId()}@example.test`,
  friend: `friend-${uniqueId()}@example.test`,
  amount: "25",
  sender: "Alex",
  message: "Happy birthday! Buy something loud.",
});

test("a fan gives a friend a gift card, and the friend redeems it from the e-mail and sees the balance", async ({
  page,
}) => {
  const order = newOrder();
  await buyPlatformGiftCard(page, order);
  await page.screenshot({ path: `${artifacts}/gift-thanks.png`, fullPage: true });

  const redeem = await giftRedeemLink(page, order);
  await signInFromRedeemPage(page, redeem, order.friend);
  await page.screenshot({ path: `${artifacts}/gift-redeem.png`, fullPage: true });
  await redeemAndSeeBalance(page, "€25.00 at any band");
  await expect(page.getByTestId("library-activity")).toContainText("Gift card redeemed");
  await page.screenshot({ path: `${artifacts}/gift-library.png`, fullPage: true });

  // The same link a second time: already redeemed, the balance unchanged.
  await page.goto(redeem);
  await page.getByTestId("gift-redeem-form").getByRole("button", { name: "Add to my balance" }).click();
  await expect(page.getByTestId("gift-redeem-form")).toContainText("This card has already been redeemed.");
});

test("the buyer's receipt opens a printable card with its QR code; a forged card link is not found", async ({
  page,
}) => {
  const order = newOrder();
  await buyPlatformGiftCard(page, order);
  const cardPage = await linkInMail(page, order.buyer, "Your Merchtable gift card", /\/gift\/card\//);
  await page.goto(cardPage);
  const card = page.getByTestId("gift-card");
  await expect(card.getByTestId("gift-card-amount")).toHaveText("€25.00");
  await expect(card.getByTestId("gift-card-scope")).toHaveText("€25.00 to spend at any band");
  await expect(card).toContainText(order.message);
  await expect(card).toContainText("From Alex");
  await expect(card.getByTestId("gift-card-code")).toHaveText(/^[A-Z0-9]{4}(-[A-Z0-9]{4}){4}$/);
  await expect(card.getByTestId("gift-card-qr").locator("svg")).toBeVisible();
  await card.screenshot({ path: `${artifacts}/gift-card.png` });
  await page.emulateMedia({ media: "print" });
  await page.screenshot({ path: `${artifacts}/gift-card-print.png`, fullPage: true });
  await page.emulateMedia({ media: "screen" });

  const token = cardPage.split("/gift/card/")[1];
  const forged = token.slice(0, -2) + (token.endsWith("AA") ? "BB" : "AA");
  expect((await page.goto(`/gift/card/${forged}`))?.status()).toBe(404);
  expect((await page.goto("/gift/card/not-a-token"))?.status()).toBe(404);
});

test("a band's gift card is sold from its shop in its currency, printed at home, and says where it is spent", async ({
  page,
}) => {
  await page.goto("/demo-band");
  await page.getByTestId("shop-gift-link").click();
  await expect(page).toHaveURL(/\/demo-band\/gift-card$/);
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("A gift card for The Demo Band");
  const form = page.getByTestId("gift-form");
  await expect(form.getByLabel("Currency")).toBeDisabled();
  await form.getByLabel("Amount").fill("2");
  await form.getByLabel("Your e-mail address (for the receipt)").fill("not an address");
  await form.getByLabel("I'll print it myself").check();
  await expect(form.getByLabel("Recipient's e-mail address")).toHaveCount(0);
  await form.getByLabel("Message (optional)").fill("x".repeat(501));
  await form.getByRole("button", { name: "Continue to payment" }).click();
  await expect(form.getByText("Enter an amount between €5.00 and €200.00.")).toBeVisible();
  await expect(form.getByText("Enter a valid e-mail address.")).toBeVisible();
  await page.screenshot({ path: `${artifacts}/gift-form-errors.png`, fullPage: true });

  await form.getByLabel("Amount").fill("15");
  await form.getByLabel("Your e-mail address (for the receipt)").fill(`printer-${uniqueId()}@example.test`);
  await form.getByLabel("Message (optional)").fill("See you at the next show");
  await form.getByRole("button", { name: "Continue to payment" }).click();
  await expect(page.getByTestId("test-order-lines")).toContainText("€15.00 to spend at The Demo Band");
  await page.getByRole("button", { name: /^Pay / }).click();
  await expect(page.getByTestId("gift-card-scope")).toHaveText("€15.00 to spend at The Demo Band");
  await expect(page.getByTestId("gift-card-status")).not.toContainText("e-mailed");
  await page.screenshot({ path: `${artifacts}/gift-band-thanks.png`, fullPage: true });
});

/** On the band's release page: one track into the cart, then "Pay with my balance". */
async function buyTrackWithBalance(page: Page, band: { slug: string }, release: { slug: string }, title: string) {
  await page.goto(`/${band.slug}/${release.slug}`);
  await page
    .getByTestId("single-track")
    .filter({ hasText: title })
    .getByRole("button", { name: "Add to cart" })
    .click();
  await expect(page).toHaveURL(new RegExp(`/${band.slug}/cart$`));
  await page.getByRole("button", { name: "Pay with my balance" }).click();
  await expect(page.getByRole("heading", { name: "Thank you!" })).toBeVisible();
}

test("the friend spends the card at two different bands and sees what is left", async ({ page }) => {
  const order = { ...newOrder(), amount: "10" };
  const first = await seedCheapTracks([{ title: "Opening Song", price: 150 }]);
  const second = await seedCheapTracks([{ title: "Encore", price: 275 }]);

  await buyPlatformGiftCard(page, order);
  const redeem = await giftRedeemLink(page, order);
  await signInFromRedeemPage(page, redeem, order.friend);
  await redeemAndSeeBalance(page, "€10.00 at any band");

  await buyTrackWithBalance(page, first.artist, first.release, "Opening Song");
  await buyTrackWithBalance(page, second.artist, second.release, "Encore");

  await page.goto("/library");
  await expect(page.getByTestId("library-balance")).toHaveText("€5.75 at any band");
  for (const { artist } of [first, second]) {
    await expect(page.getByTestId("library-entry").filter({ hasText: artist.name })).toHaveCount(1);
    const [paid] = await testDb().select().from(orders).where(eq(orders.artistId, artist.id));
    expect(paid).toMatchObject({ status: "paid", provider: "credit", email: order.friend });
    expect(paid.creditAmount).toBe(paid.total);
  }
  await expect(page.getByTestId("library-activity")).toContainText(first.artist.name);
  await page.screenshot({ path: `${artifacts}/gift-spent-at-two-bands.png`, fullPage: true });
  expect(await checkLedger(testDb())).toEqual({ drifted: [], unbalanced: [] });
});
