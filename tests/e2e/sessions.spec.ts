import { expect, test } from "@playwright/test";
import { artistMembers, artists } from "@/db/schema";
import { artifacts, seedUser, signInWithPassword, testDb, uniqueId } from "./helpers";

test("'Sign out everywhere' ends a session copied to another browser", async ({ browser, page, context }) => {
  const user = await seedUser();
  const slug = `everywhere-${uniqueId()}`;
  const [band] = await testDb()
    .insert(artists)
    .values({ slug, name: `Everywhere ${slug}` })
    .returning();
  await testDb().insert(artistMembers).values({ artistId: band.id, userId: user.id, role: "owner" });

  await signInWithPassword(page, user.email, user.password);
  await expect(page).toHaveURL(new RegExp(`/dashboard/${slug}$`));

  // The same cookie, copied into another browser (in French there).
  const copy = await browser.newContext({ storageState: await context.storageState(), locale: "fr-FR" });
  const other = await copy.newPage();
  await other.goto(`/dashboard/${slug}/settings`);
  await expect(other.getByRole("button", { name: "Se déconnecter partout" })).toBeVisible();
  await other.getByRole("heading", { name: "Votre compte" }).scrollIntoViewIfNeeded();
  await other.screenshot({ path: `${artifacts}/sign-out-everywhere-fr.png` });

  await page.goto(`/dashboard/${slug}/settings`);
  const account = page.locator("section").filter({ has: page.getByRole("heading", { name: "Your account" }) });
  await expect(account).toContainText(`Signed in as ${user.email}.`);
  await account.screenshot({ path: `${artifacts}/sign-out-everywhere.png` });
  await account.getByRole("button", { name: "Sign out everywhere" }).click();
  await expect(page).toHaveURL(/\/signin\?signedOut=everywhere$/);
  await expect(page.getByRole("status")).toContainText("You are signed out on every device.");
  await page.screenshot({ path: `${artifacts}/signed-out-everywhere.png`, fullPage: true });

  await other.goto(`/dashboard/${slug}`);
  await expect(other).toHaveURL(/\/signin\?callbackUrl=/);
  await page.goto(`/dashboard/${slug}`);
  await expect(page).toHaveURL(/\/signin\?callbackUrl=/);
  await copy.close();
});
