import { expect, test } from "@playwright/test";
import { eq } from "drizzle-orm";
import jsQR from "jsqr";
import sharp from "sharp";
import { giftCards, sponsorMembers, sponsors, users } from "@/db/schema";
import { giftCodeHash, normalizeCode } from "@/lib/credit";
import { artifacts, seedUser, signInWithPassword, testDb, uniqueId } from "./helpers";

test("the operator opens a sponsor, its member buys a sheet of ten 10 € cards and prints it, and a fan redeems one from its QR code", async ({
  browser,
  baseURL,
}) => {
  const operator = await seedUser();
  await testDb().update(users).set({ operatorSince: new Date() }).where(eq(users.id, operator.id));
  const librarian = await seedUser();
  const name = `Médiathèque ${uniqueId()}`;

  // The operator creates the sponsor and adds the librarian (an existing account: at once).
  const admin = await (await browser.newContext()).newPage();
  await signInWithPassword(admin, operator.email, operator.password);
  await expect(admin).toHaveURL(/\/onboarding$/);
  await admin.goto("/admin");
  await admin.getByRole("link", { name: "Sponsors" }).click();
  const create = admin.getByTestId("sponsor-create");
  await create.getByLabel("Name").fill(name);
  await create.getByLabel("Contact e-mail").fill(`contact-${uniqueId()}@example.test`);
  await create.getByRole("button", { name: "Create sponsor" }).click();
  await expect(admin.getByText("Sponsor created.")).toBeVisible();
  const row = admin.getByTestId("sponsor-row").filter({ hasText: name });
  await row.getByLabel("Add a member by e-mail").fill(librarian.email);
  await row.getByRole("button", { name: "Add" }).click();
  await expect(admin.getByText("Member added")).toBeVisible();
  await expect(admin.getByTestId("sponsor-row").filter({ hasText: name })).toContainText(librarian.email);
  // Someone without an account is sent a signed invitation instead.
  await admin
    .getByTestId("sponsor-row")
    .filter({ hasText: name })
    .getByLabel("Add a member by e-mail")
    .fill(`new-${uniqueId()}@example.test`);
  await admin.getByTestId("sponsor-row").filter({ hasText: name }).getByRole("button", { name: "Add" }).click();
  await expect(admin.getByText("Invitation sent")).toBeVisible();
  const [sponsor] = await testDb().select().from(sponsors).where(eq(sponsors.name, name));
  const members = await testDb().select().from(sponsorMembers).where(eq(sponsorMembers.sponsorId, sponsor.id));
  expect(members.map((m) => m.userId)).toEqual([librarian.id]);

  // The librarian buys ten cards of 10 € with a test payment.
  const page = await (await browser.newContext()).newPage();
  await signInWithPassword(page, librarian.email, librarian.password);
  await expect(page).toHaveURL(/\/onboarding$/);
  await page.goto("/sponsor");
  await expect(page.getByTestId("sponsor-name")).toHaveText(name);
  await page.screenshot({ path: `${artifacts}/sponsor-page.png`, fullPage: true });
  const form = page.getByTestId("program-form-cards");
  await form.getByLabel("Name (for you)").fill("Summer reading");
  await form.getByLabel("Number of cards").fill("10");
  await form.getByLabel("Value of each card").fill("10");
  await form.getByLabel("Downloads only").check();
  await form.getByRole("button", { name: "Pay for the cards" }).click();
  await expect(page.getByTestId("test-banner")).toBeVisible();
  await page.getByRole("button", { name: "Pay €100.00 (test)" }).click();
  await expect(page.getByText("Thank you: your payment is in.")).toBeVisible();
  const program = page.getByTestId("program");
  await expect(program.getByTestId("program-status")).toHaveText("Active");
  await expect(program.getByTestId("program-stats")).toContainText("Cards issued10");

  // The sheet: ten cards, each with its QR code.
  await program.getByTestId("program-print").click();
  const cards = page.getByTestId("sponsor-card");
  await expect(cards).toHaveCount(10);
  await expect(cards.first()).toContainText(name);
  await expect(cards.first()).toContainText("Music credit: €10.00 to spend on Merchtable");
  await expect(cards.first()).toContainText("Downloads only");
  await page.screenshot({ path: `${artifacts}/sponsor-sheet.png`, fullPage: true });

  // A fan scans the fourth card: the QR code decoded from the page itself.
  const card = cards.nth(3);
  const shot = await card.getByTestId("sponsor-card-qr").screenshot();
  const { data, info } = await sharp(shot).ensureAlpha().raw().toBuffer({ resolveWithObject: true });
  const decoded = jsQR(new Uint8ClampedArray(data), info.width, info.height);
  expect(decoded).not.toBeNull();
  const url = new URL(decoded!.data);
  expect(`${url.origin}${url.pathname}`).toBe(`${baseURL}/gift/redeem`);
  const code = url.searchParams.get("code")!;
  expect(normalizeCode(code)).toBe(normalizeCode((await card.getByTestId("card-code").textContent()) ?? ""));
  const [issued] = await testDb()
    .select()
    .from(giftCards)
    .where(eq(giftCards.codeHash, giftCodeHash(code)));
  expect(issued).toMatchObject({ amount: 1000, currency: "EUR", scope: "program", status: "active" });

  // The fan follows the URL to the redeem page, signs in to their library by e-mail link, redeems.
  const fan = `fan-${uniqueId()}@example.test`;
  const phone = await (await browser.newContext()).newPage();
  await phone.goto(decoded!.data);
  const redeem = phone.getByTestId("gift-redeem-form");
  await redeem.getByLabel("Your e-mail address").fill(fan);
  await redeem.getByRole("button", { name: "E-mail me a sign-in link" }).click();
  await expect(phone.getByTestId("gift-link-sent")).toContainText(fan);
  const mail = phone
    .getByTestId("dev-mail")
    .filter({ has: phone.getByTestId("dev-mail-to").getByText(fan, { exact: true }) })
    .first();
  await expect(async () => {
    await phone.goto("/dev/mail");
    await expect(mail).toBeVisible({ timeout: 1000 });
  }).toPass({ timeout: 20_000 });
  const open = await mail
    .getByRole("link", { name: /\/library\/open\?token=/ })
    .first()
    .getAttribute("href");
  await phone.goto(open!);
  await phone.getByRole("button", { name: "Open my library" }).click();
  await expect(phone).toHaveURL(/\/gift\/redeem\?code=/);
  await phone.getByTestId("gift-redeem-form").getByRole("button", { name: "Add to my balance" }).click();
  await expect(phone.getByTestId("gift-redeemed")).toBeVisible();
  await phone.screenshot({ path: `${artifacts}/sponsor-card-redeemed.png`, fullPage: true });
  const [redeemed] = await testDb().select().from(giftCards).where(eq(giftCards.id, issued.id));
  expect(redeemed).toMatchObject({ status: "redeemed", redeemedEmail: fan });

  await page.goto(`/sponsor/programs/${issued.programId}`);
  await expect(page.getByTestId("program-stats")).toContainText("Redeemed1");
  await expect(page.getByTestId("program-stats")).not.toContainText(fan);
  await page.screenshot({ path: `${artifacts}/sponsor-program.png`, fullPage: true });

  // The operator's report shows the credit and a balanced ledger.
  await admin.getByRole("link", { name: "Credit" }).click();
  await expect(admin.getByTestId("credit-EUR")).toBeVisible();
  await expect(admin.getByTestId("ledger-check")).toContainText("Ledger balanced");
  await admin.screenshot({ path: `${artifacts}/admin-credit.png`, fullPage: true });

  // Anyone else gets a 404 at the sponsor's page and its sheet.
  const stranger = await seedUser();
  const other = await (await browser.newContext()).newPage();
  await signInWithPassword(other, stranger.email, stranger.password);
  await expect(other).toHaveURL(/\/onboarding$/);
  expect((await other.goto("/sponsor"))?.status()).toBe(404);
  expect((await other.goto(`/sponsor/programs/${issued.programId}/print`))?.status()).toBe(404);
  expect((await other.goto(`/sponsor?s=${sponsor.id}`))?.status()).toBe(404);
});
