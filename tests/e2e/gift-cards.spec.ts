import { expect, test } from "@playwright/test";
import {
  buyPlatformGiftCard,
  giftRedeemLink,
  linkInMail,
  redeemAndSeeBalance,
  signInFromRedeemPage,
  type GiftOrder,
} from "./gift-steps";
import { artifacts, uniqueId } from "./helpers";

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
