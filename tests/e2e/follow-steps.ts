import { expect, type Page } from "@playwright/test";
import { linkInMail } from "./gift-steps";

/**
 * A fan with no account follows a band from its shop page with an e-mail only, then confirms
 * through the link the confirmation mail brings (double opt-in).
 */
export async function followWithEmailOnly(page: Page, artist: { slug: string; name: string }, email: string) {
  await page.goto(`/${artist.slug}`);
  await page.getByTestId("follow-button").click();
  const form = page.getByTestId("follow-form");
  await form.getByLabel("Your e-mail").fill(email);
  await form.getByRole("button", { name: "Follow" }).click();
  await expect(page.getByTestId("follow-sent")).toContainText(email);
  const confirm = await linkInMail(page, email, `Confirm: follow ${artist.name} on Merchtable`, /\/follows\/confirm\//);
  await page.goto(new URL(confirm).pathname);
  await page.getByRole("button", { name: "Confirm" }).click();
  await expect(page.getByText(`Done: you follow ${artist.name}.`, { exact: false })).toBeVisible();
}
