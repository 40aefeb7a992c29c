import { expect, type Page } from "@playwright/test";

/**
 * The gift card flow in steps other specs can chain (buy a card, open the friend's mail, sign in
 * to the library through the redeem page, redeem). Each step starts from a URL, not from where
 * the last one left the browser, except where the product itself chains them.
 */
export type GiftOrder = { buyer: string; friend: string; amount: string; sender: string; message: string };

export function mailFor(page: Page, email: string, subject: string | RegExp) {
  return page
    .getByTestId("dev-mail")
    .filter({ has: page.getByTestId("dev-mail-to").getByText(email, { exact: true }) })
    .filter({ hasText: subject })
    .first();
}

/** Waits for a mail in the dev outbox and returns the first link in it matching `href`. */
export async function linkInMail(page: Page, email: string, subject: string | RegExp, href: RegExp) {
  await expect(async () => {
    await page.goto("/dev/mail");
    await expect(mailFor(page, email, subject)).toBeVisible({ timeout: 1000 });
  }).toPass({ timeout: 20_000 });
  return (await mailFor(page, email, subject).getByRole("link", { name: href }).first().getAttribute("href"))!;
}

/** On /gift: a platform card for a friend, delivered today, paid on the test payment page. */
export async function buyPlatformGiftCard(page: Page, order: GiftOrder) {
  await page.goto("/gift");
  const form = page.getByTestId("gift-form");
  await form.getByLabel("Amount").fill(order.amount);
  await form.getByLabel("Currency").selectOption("EUR");
  await form.getByLabel("Your e-mail address (for the receipt)").fill(order.buyer);
  await form.getByLabel("By e-mail to the recipient").check();
  await form.getByLabel("Recipient's e-mail address").fill(order.friend);
  await form.getByLabel("Recipient's name").fill("Sam");
  await form.getByLabel("From (your name)").fill(order.sender);
  await form.getByLabel("Message (optional)").fill(order.message);
  await form.getByRole("button", { name: "Continue to payment" }).click();
  await expect(page.getByTestId("test-payment-page")).toBeVisible();
  await expect(page.getByTestId("test-banner")).toBeVisible();
  await expect(page.getByTestId("test-order-lines")).toContainText("Gift card");
  await page.getByRole("button", { name: /^Pay / }).click();
  await expect(page.getByTestId("gift-thanks")).toBeVisible();
  await expect(page.getByTestId("gift-card")).toBeVisible();
}

/** The friend's mail: the redeem link it carries. */
export function giftRedeemLink(page: Page, order: GiftOrder) {
  return linkInMail(page, order.friend, `${order.sender} sent you a Merchtable gift card`, /\/gift\/redeem\?code=/);
}

/** From the redeem page without a library session: the magic link, and back to the page with the code. */
export async function signInFromRedeemPage(page: Page, redeemHref: string, email: string) {
  await page.goto(redeemHref);
  const form = page.getByTestId("gift-redeem-form");
  await form.getByLabel("Your e-mail address").fill(email);
  await form.getByRole("button", { name: "E-mail me a sign-in link" }).click();
  await expect(page.getByTestId("gift-link-sent")).toContainText(email);
  const open = await linkInMail(page, email, "Your Merchtable library", /\/library\/open\?token=/);
  await page.goto(open);
  await page.getByRole("button", { name: "Open my library" }).click();
  await expect(page).toHaveURL(/\/gift\/redeem\?code=/);
  await expect(page.getByTestId("gift-redeem-viewer")).toContainText(email);
}

/** Signed in, on the redeem page: the button, then the balance in /library. */
export async function redeemAndSeeBalance(page: Page, expected: string) {
  await page.getByTestId("gift-redeem-form").getByRole("button", { name: "Add to my balance" }).click();
  await expect(page.getByTestId("gift-redeemed")).toBeVisible();
  await page.getByRole("link", { name: "See my balance" }).click();
  await expect(page).toHaveURL(/\/library$/);
  await expect(page.getByTestId("library-balance").first()).toHaveText(expected);
}
