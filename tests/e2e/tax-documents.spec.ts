import { expect, test } from "@playwright/test";
import { eq } from "drizzle-orm";
import { artists, orderItems, orders } from "@/db/schema";
import { issueReceipt } from "@/lib/documents";
import { createDownloadGrant } from "@/lib/orders/download-grants";
import { recordRefundTotal } from "@/lib/orders/refunds";
import { artifacts, seedFreeBand, signInWithPassword, testDb, uniqueId } from "./helpers";

/** A paid order for the band's album bought from Germany, as checkout and fulfilment leave it (VAT and receipt). */
async function paidOrderWithReceipt() {
  const db = testDb();
  const band = await seedFreeBand();
  const email = `fan-${uniqueId()}@example.test`;
  const { order, receipt } = await db.transaction(async (tx) => {
    const [row] = await tx
      .insert(orders)
      .values({
        artistId: band.artist.id,
        status: "paid",
        paidAt: new Date(),
        email,
        currency: "EUR",
        subtotal: 700,
        total: 700,
        tax: 112,
        vatPlatform: 112,
        vatCountry: "DE",
        vatRateBasisPoints: 1900,
        taxSource: "table",
        buyerCountry: "DE",
        provider: "test",
        providerSessionId: `test_${uniqueId()}`,
        expiresAt: new Date(),
      })
      .returning();
    await tx.insert(orderItems).values({
      orderId: row.id,
      kind: "release",
      releaseId: band.album.id,
      title: band.album.title,
      unitAmount: 700,
      grossAmount: 700,
      vatRateBasisPoints: 1900,
      vatAmount: 112,
      vatLiability: "platform",
      currency: "EUR",
    });
    return { order: row, receipt: await issueReceipt(tx, row.id) };
  });
  const grant = await createDownloadGrant(db, {
    artistId: band.artist.id,
    orderId: order.id,
    email,
    items: [{ releaseId: band.album.id, trackId: null }],
  });
  return { band, order, receipt: receipt!, path: `/download/${grant.token}` };
}

test("a fan opens the receipt of a purchase from its download page", async ({ page }) => {
  const { receipt, path } = await paidOrderWithReceipt();
  await page.goto(path);
  const link = page.getByTestId("receipt-link");
  await expect(link).toHaveText("Receipt (PDF)");
  await page.screenshot({ path: `${artifacts}/download-page-receipt-link.png`, fullPage: true });
  // Browsers here cannot save downloads: fetch what the link points at, as the browser would.
  const href = await link.getAttribute("href");
  const response = await page.request.get(href!);
  expect(response.status()).toBe(200);
  expect(response.headers()["content-type"]).toBe("application/pdf");
  expect(response.headers()["content-disposition"]).toBe(`attachment; filename="${receipt.number}.pdf"`);
  const body = await response.body();
  expect(body.subarray(0, 5).toString("latin1")).toBe("%PDF-");
  expect(body.toString("latin1")).toContain(receipt.number);
  // The same link with a token one character off is someone else's key: nothing.
  const forged = href!.replace(/\/download\/([^/]+)\//, (_, token: string) => `/download/${token.slice(0, -1)}x/`);
  expect((await page.request.get(forged)).status()).toBe(404);
});

test("a band says it is registered for VAT in Settings, a mistyped number first", async ({ page }) => {
  const { user, artist } = await seedFreeBand();
  await signInWithPassword(page, user.email, user.password);
  await expect(page).toHaveURL(new RegExp(`/dashboard/${artist.slug}$`));
  await page.goto(`/dashboard/${artist.slug}/settings`);
  const section = page.getByTestId("vat-section");
  await expect(section.getByTestId("vat-digital")).toContainText("Merchtable charges and pays the VAT on downloads");
  // A French band starts not registered, with the franchise's mention ready for its receipts.
  await expect(section.getByLabel("Mention printed on receipts")).toHaveValue("TVA non applicable, art. 293 B du CGI");

  await section.getByRole("radio", { name: "Registered for VAT", exact: true }).check();
  await section.getByLabel("VAT number", { exact: true }).fill("FR 1234 5678");
  await section.getByLabel("VAT rate you charge on goods (%)").fill("20");
  await section.getByRole("button", { name: "Save VAT status" }).click();
  await expect(section.getByTestId("error-vatNumber")).toHaveText(
    "This does not look like a FR VAT number. Check the digits.",
  );
  await page.screenshot({ path: `${artifacts}/settings-vat-error.png`, fullPage: true });
  // What was typed stays on screen to be corrected.
  await expect(section.getByLabel("VAT number", { exact: true })).toHaveValue("FR 1234 5678");
  const [unchanged] = await testDb().select().from(artists).where(eq(artists.id, artist.id));
  expect(unchanged).toMatchObject({ vatStatus: "not_registered", vatNumber: null });

  await section.getByLabel("VAT number", { exact: true }).fill("FR 12 345 678 901");
  await section.getByLabel("VAT rate you charge on goods (%)").fill("5,5");
  await section.getByRole("button", { name: "Save VAT status" }).click();
  await expect(section.getByTestId("vat-settings-status")).toHaveText("VAT status saved.");
  const [saved] = await testDb().select().from(artists).where(eq(artists.id, artist.id));
  expect(saved).toMatchObject({ vatStatus: "registered", vatNumber: "FR12345678901", vatRateBasisPoints: 550 });
  await page.reload();
  await expect(section.getByRole("radio", { name: "Registered for VAT", exact: true })).toBeChecked();
  await expect(section.getByLabel("VAT number", { exact: true })).toHaveValue("FR12345678901");
  await expect(section.getByLabel("VAT rate you charge on goods (%)")).toHaveValue("5.5");
  await page.screenshot({ path: `${artifacts}/settings-vat-saved.png`, fullPage: true });
});

test("the band finds the receipt and a credit note on the order's page", async ({ page }) => {
  const { band, order, receipt } = await paidOrderWithReceipt();
  await recordRefundTotal(testDb(), order.id, 300);
  await signInWithPassword(page, band.user.email, band.user.password);
  await expect(page).toHaveURL(new RegExp(`/dashboard/${band.artist.slug}$`));
  await page.goto(`/dashboard/${band.artist.slug}/orders/${order.id}`);
  const links = page.getByTestId("document-links");
  await expect(links.getByTestId("receipt-link")).toHaveText("Receipt (PDF)");
  const note = links.getByTestId("credit-note-link");
  await expect(note).toHaveText(/^Credit note C-\d{4}-000001 \(PDF\)$/);
  await page.screenshot({ path: `${artifacts}/band-order-documents.png`, fullPage: true });
  for (const [link, number] of [
    [links.getByTestId("receipt-link"), receipt.number],
    [note, (await note.textContent())!.match(/C-\d{4}-\d{6}/)![0]],
  ] as const) {
    const response = await page.request.get((await link.getAttribute("href"))!);
    expect(response.headers()["content-type"]).toBe("application/pdf");
    expect(response.headers()["content-disposition"]).toContain(`${number}.pdf`);
  }
});
