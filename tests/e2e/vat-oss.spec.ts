import { expect, test } from "@playwright/test";
import { eq } from "drizzle-orm";
import { artistMembers, artists, orders, taxDocuments, users } from "@/db/schema";
import { artifacts, seedUser, signInWithPassword, testDb, uniqueId } from "./helpers";

/** A year far ahead, new each run (the test database outlives a run), so only this test's documents are in it. */
const YEAR = 2100 + Math.floor(Math.random() * 800);

test("the operator reads a quarter's VAT per country in the console and downloads the same figures as CSV; a band owner gets a 404", async ({
  browser,
}) => {
  const db = testDb();
  const owner = await seedUser();
  const [band] = await db
    .insert(artists)
    .values({ slug: `oss-${uniqueId()}`, name: `OSS Band ${uniqueId()}` })
    .returning();
  await db.insert(artistMembers).values({ artistId: band.id, userId: owner.id, role: "owner" });
  const issuedAt = new Date(`${YEAR}-05-04T10:00:00Z`);
  const [order] = await db
    .insert(orders)
    .values({
      artistId: band.id,
      status: "paid",
      currency: "EUR",
      subtotal: 1190,
      total: 1190,
      tax: 190,
      vatPlatform: 190,
      vatCountry: "DE",
      vatRateBasisPoints: 1900,
      taxSource: "table",
      platformFee: 119,
      provider: "test",
      expiresAt: issuedAt,
      paidAt: issuedAt,
    })
    .returning();
  await db.insert(taxDocuments).values({
    kind: "receipt",
    issuer: band.id,
    sequence: 1,
    number: `R-${YEAR}-000001`,
    orderId: order.id,
    artistId: band.id,
    currency: "EUR",
    total: 1190,
    vatPlatform: 190,
    vatCountry: "DE",
    lines: [
      {
        title: "Album",
        detail: null,
        quantity: 1,
        gross: 1190,
        vat: 190,
        vatRateBasisPoints: 1900,
        liability: "platform",
      },
    ],
    issuedAt,
  });
  const operator = await seedUser();
  await db.update(users).set({ operatorSince: new Date() }).where(eq(users.id, operator.id));

  const page = await (await browser.newContext()).newPage();
  await signInWithPassword(page, operator.email, operator.password);
  await expect(page).toHaveURL(/\/onboarding$/);
  await page.goto("/admin");
  await page.getByRole("link", { name: "VAT (OSS)" }).click();
  await expect(page.getByRole("heading", { name: "VAT collected (One-Stop Shop)" })).toBeVisible();
  // The picker offers the last eight quarters; an older or later one is reached by its address.
  await expect(page.getByLabel("Quarter")).toBeVisible();
  await page.goto(`/admin/vat?quarter=${YEAR}-Q2`);
  await expect(page.getByLabel("Quarter")).toHaveValue(`${YEAR}-Q2`);
  const row = page.getByTestId("oss-row");
  await expect(row).toHaveCount(1);
  await expect(row).toContainText("Germany (DE)");
  await expect(row).toContainText("19%");
  await expect(row).toContainText("€10.00");
  await expect(row).toContainText("€1.90");
  await page.screenshot({ path: `${artifacts}/admin-vat-oss.png`, fullPage: true });

  const href = await page.getByTestId("oss-csv").getAttribute("href");
  expect(href).toBe(`/admin/vat/csv?quarter=${YEAR}-Q2`);
  const csv = await page.request.get(href!);
  expect(csv.status()).toBe(200);
  expect(csv.headers()["content-disposition"]).toBe(`attachment; filename="vat-oss-${YEAR}-Q2.csv"`);
  expect(
    (await csv.text())
      .replace(/^\uFEFF/, "")
      .trimEnd()
      .split("\r\n"),
  ).toEqual([
    "Quarter,Country,VAT rate (%),Currency,Taxable amount,VAT,Receipts,Credit notes",
    `${YEAR}-Q2,DE,19.00,EUR,10.00,1.90,1,0`,
  ]);

  // A malformed quarter says so and shows the current one.
  await page.goto("/admin/vat?quarter=next-year");
  await expect(page.getByText("That quarter is not valid")).toBeVisible();

  const ownerPage = await (await browser.newContext()).newPage();
  await signInWithPassword(ownerPage, owner.email, owner.password);
  expect((await ownerPage.goto("/admin/vat"))?.status()).toBe(404);
  expect((await ownerPage.request.get(href!)).status()).toBe(404);
});
