import { spawnSync } from "node:child_process";
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { expect, test, type Page } from "@playwright/test";
import { eq } from "drizzle-orm";
import { downloadGrants, orders } from "@/db/schema";
import { seal } from "@/lib/crypto";
import { revokeOrderGrants } from "@/lib/orders/download-grants";
import { DOWNLOAD_TOKEN_PURPOSE } from "@/lib/orders/fulfill";
import { tagsOf } from "@/tests/support/audio-fixtures";
import { unzip } from "@/tests/support/zip";
import { artifacts, paidAlbumOrder, testDb } from "./helpers";

/** The demo band's "First Light" (seeded before the run): four FLAC masters run through the real pipeline. */
const TITLES = ["Van at Dawn", "Merch Table Waltz", "Soundcheck", "Last Train Home"];

/** What ffprobe reads in a file: its codec and length, or an error if it does not decode. */
function probe(file: string) {
  const result = spawnSync(
    "ffprobe",
    ["-v", "error", "-show_entries", "format=duration:stream=codec_name", "-of", "json", file],
    { encoding: "utf8" },
  );
  if (result.status !== 0) throw new Error(`ffprobe refused ${file}: ${result.stderr}`);
  const json = JSON.parse(result.stdout) as { format: { duration: string }; streams: { codec_name: string }[] };
  return { codec: json.streams[0]?.codec_name, seconds: Number(json.format.duration) };
}

/** Decodes every sample: a file cut short or corrupt makes ffmpeg complain. */
function decodesCleanly(file: string) {
  const result = spawnSync("ffmpeg", ["-v", "error", "-i", file, "-f", "null", "-"], { encoding: "utf8" });
  return result.status === 0 && result.stderr.trim() === "";
}

/** The library mail to this address, picked by its content (not as the newest: mails can share a timestamp). */
function inbox(page: Page, email: string) {
  return page
    .getByTestId("dev-mail")
    .filter({ has: page.getByTestId("dev-mail-to").getByText(email, { exact: true }) })
    .filter({ hasText: "Your Merchtable library" })
    .first();
}

test("a fan opens the download page, picks FLAC, waits while it is made, and gets a zip of tagged files that play", async ({
  page,
}) => {
  test.setTimeout(120_000);
  const { path: pagePath } = await paidAlbumOrder();
  const response = await page.goto(pagePath);
  expect(response?.status()).toBe(200);
  expect(response?.headers()["cache-control"]).toContain("no-store");
  await expect(page.locator('meta[name="robots"]')).toHaveAttribute("content", /noindex/);
  await expect(page.locator('meta[name="referrer"]')).toHaveAttribute("content", "no-referrer");
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("The Demo Band");
  const item = page.getByTestId("download-item");
  await expect(item).toHaveCount(1);
  await expect(item.getByTestId("download-item-title")).toHaveText("First Light");
  await expect(item).toContainText("Album · 4 tracks");
  await expect(item.getByRole("img", { name: "Cover of First Light" })).toBeVisible();

  await item.getByLabel("Format").selectOption("flac");
  // FLAC may already exist if another test asked for it first; otherwise the page shows it being made.
  const button = item.getByTestId("download-button");
  if (await button.isVisible()) {
    await button.click();
    await expect(item.getByTestId("download-status")).toHaveText(
      /Asking for FLAC…|Preparing FLAC… \d of 4|Packing the FLAC zip…|FLAC is ready/,
    );
    await page.screenshot({ path: `${artifacts}/download-preparing.png`, fullPage: true });
  }
  const link = item.getByTestId("download-link");
  await expect(link).toBeVisible({ timeout: 90_000 });
  await expect(link).toHaveAttribute("data-format", "flac");
  await page.screenshot({ path: `${artifacts}/download-page.png`, fullPage: true });

  // The choice is remembered for the next visit.
  await page.reload();
  await expect(page.getByTestId("download-item").getByLabel("Format")).toHaveValue("flac");

  // The zip was packed once and stored: its size shows before the fan clicks.
  const sizeLine = page.getByTestId("download-item").getByTestId("download-size");
  await expect(sizeLine).toHaveText(/^FLAC · [\d.,]+\s?MB, ready to download$/);
  const size = Number(await sizeLine.getAttribute("data-size"));
  expect(size).toBeGreaterThan(1_000_000);

  // The link is decided by the app, then redirected to a short-lived signed address of the file.
  const href = (await page.getByTestId("download-link").getAttribute("href"))!;
  const redirect = await page.request.get(href, { maxRedirects: 0 });
  expect(redirect.status()).toBe(302);
  expect(redirect.headers()["location"]).toMatch(/^\/api\/files\/[A-Za-z0-9_-]+\.[A-Za-z0-9_-]{43}$/);
  const zip = await page.request.get(href);
  expect(zip.status()).toBe(200);
  expect(zip.headers()["content-type"]).toBe("application/zip");
  expect(zip.headers()["content-disposition"]).toContain("The Demo Band - First Light (FLAC).zip");
  expect(zip.headers()["content-length"]).toBe(String(size));
  const body = await zip.body();
  expect(body.length).toBe(size);
  // Resumable: a range of the same address answers 206 with those bytes.
  const part = await page.request.get(redirect.headers()["location"], { headers: { Range: "bytes=100-199" } });
  expect(part.status()).toBe(206);
  expect(part.headers()["content-range"]).toBe(`bytes 100-199/${size}`);
  expect((await part.body()).equals(body.subarray(100, 200))).toBe(true);
  const entries = await unzip(body);
  expect([...entries.keys()].sort()).toEqual(
    [...TITLES.map((title, i) => `0${i + 1} The Demo Band - ${title}.flac`), "cover.jpg"].sort(),
  );

  const dir = mkdtempSync(path.join(tmpdir(), "merchtable-zip-"));
  for (const [i, title] of TITLES.entries()) {
    const name = `0${i + 1} The Demo Band - ${title}.flac`;
    const file = path.join(dir, name);
    writeFileSync(file, entries.get(name)!);
    const info = probe(file);
    expect(info.codec, name).toBe("flac");
    expect(info.seconds, name).toBeGreaterThan(25);
    expect(decodesCleanly(file), name).toBe(true);
    const tags = tagsOf(file);
    expect(tags.title, name).toBe(title);
    expect(tags.artist, name).toBe("The Demo Band");
    expect(tags.album, name).toBe("First Light");
  }
  const cover = path.join(dir, "cover.jpg");
  writeFileSync(cover, entries.get("cover.jpg")!);
  expect(probe(cover).codec).toBe("mjpeg");
});

test("a wrong download link points to the library; a refunded order says so", async ({ page }) => {
  const missing = await page.goto("/download/AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA");
  expect(missing?.status()).toBe(404);
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("This download link does not work");
  await expect(page.getByRole("link", { name: "Go to my library" })).toHaveAttribute("href", "/library");

  const { grant, path: pagePath } = await paidAlbumOrder();
  await testDb().update(downloadGrants).set({ revokedAt: new Date() }).where(eq(downloadGrants.id, grant.grantId));
  await page.goto(pagePath);
  await expect(page.getByTestId("download-refunded")).toContainText("This order was refunded");
  await expect(page.getByTestId("download-refunded")).toContainText("The Demo Band refunded this order");
  await expect(page.getByTestId("download-item")).toHaveCount(0);
});

test("a refunded order's thank-you page says it was refunded, in English and in French, with no download link", async ({
  page,
  browser,
}) => {
  const { order, grant } = await paidAlbumOrder();
  // As fulfilment leaves it: the thank-you page finds the download link through the sealed token.
  await testDb()
    .update(orders)
    .set({ downloadTokenSealed: seal(DOWNLOAD_TOKEN_PURPOSE, grant.token) })
    .where(eq(orders.id, order.id));
  const thanks = `/checkout/success?order=${order.id}&session=${order.providerSessionId}`;
  await page.goto(thanks);
  await expect(page.getByTestId("go-to-downloads")).toBeVisible();

  // As a full refund leaves it (lib/orders/refunds.ts, which the browser tests cannot import).
  await testDb().update(orders).set({ status: "refunded", refundedAmount: 700 }).where(eq(orders.id, order.id));
  await revokeOrderGrants(testDb(), order.id);
  await page.goto(thanks);
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("This order was refunded");
  await expect(page.getByTestId("order-refunded")).toContainText(
    "The Demo Band refunded this order, so its downloads are closed.",
  );
  await expect(page.getByTestId("go-to-downloads")).toHaveCount(0);
  await page.screenshot({ path: `${artifacts}/thank-you-refunded.png` });

  const french = await browser.newContext({
    locale: "fr-FR",
    extraHTTPHeaders: { "Accept-Language": "fr-FR,fr;q=0.9" },
  });
  const frPage = await french.newPage();
  await frPage.goto(thanks);
  await expect(frPage.getByRole("heading", { level: 1 })).toHaveText("Cette commande a été remboursée");
  await expect(frPage.getByTestId("order-refunded")).toContainText("The Demo Band a remboursé cette commande");
  await expect(frPage.getByTestId("go-to-downloads")).toHaveCount(0);
  await french.close();
});

test("a fan asks for their library by email, follows the link once, and finds the purchase", async ({
  page,
  context,
}) => {
  const { email, grant } = await paidAlbumOrder();
  const stranger = await paidAlbumOrder();

  const signin = await page.goto("/library");
  expect(signin?.headers()["cache-control"]).toContain("no-store");
  await page.getByLabel("Email address").fill("not an address");
  await page.getByRole("button", { name: "Email me a link" }).click();
  await expect(page.getByText("Enter an email address like name@example.com.")).toBeVisible();
  await page.getByLabel("Email address").fill(email.toUpperCase());
  await page.getByRole("button", { name: "Email me a link" }).click();
  await expect(page.getByTestId("library-link-sent")).toContainText(
    `If there are purchases for ${email}, a link to your library is on its way.`,
  );
  await page.screenshot({ path: `${artifacts}/library-link-sent.png`, fullPage: true });

  // The mail is sent just after the answer.
  await expect(async () => {
    await page.goto("/dev/mail");
    await expect(inbox(page, email)).toContainText("Your Merchtable library", { timeout: 1000 });
  }).toPass({ timeout: 15_000 });
  const href = (await inbox(page, email)
    .getByRole("link", { name: /\/library\/open\?token=/ })
    .getAttribute("href"))!;
  await page.goto(href);
  await page.getByRole("button", { name: "Open my library" }).click();

  await expect(page).toHaveURL(/\/library$/);
  await expect(page.getByTestId("library-email")).toHaveText(`Signed in as ${email}`);
  const entries = page.getByTestId("library-entry");
  await expect(entries).toHaveCount(1);
  await expect(entries.first()).toContainText("The Demo Band");
  await expect(entries.first()).toContainText("First Light");
  await page.screenshot({ path: `${artifacts}/library.png`, fullPage: true });
  const cookie = (await context.cookies()).find((c) => c.name === "mt_library");
  expect(cookie).toMatchObject({ httpOnly: true, sameSite: "Lax" });
  expect(cookie?.value).not.toContain("example");

  // Each purchase also offers its receipt (a PDF of the same order, behind the same sign-in).
  const receipt = entries.first().getByTestId("receipt-link");
  await expect(receipt).toHaveAttribute("href", `/library/${grant.grantId}/documents/receipt`);
  const pdf = await page.request.get((await receipt.getAttribute("href"))!);
  expect(pdf.headers()["content-type"]).toBe("application/pdf");
  await entries
    .first()
    .getByRole("link", { name: /First Light/ })
    .click();
  await expect(page).toHaveURL(new RegExp(`/library/${grant.grantId}$`));
  await expect(page.getByTestId("download-item-title")).toHaveText("First Light");
  await expect(page.getByTestId("back-to-library")).toHaveAttribute("href", "/library");

  // Another fan's purchase is not found, even signed in.
  expect((await page.goto(`/library/${stranger.grant.grantId}`))?.status()).toBe(404);

  await page.goto("/library");
  await page.getByTestId("library-sign-out").click();
  await expect(page.getByTestId("library-signin")).toBeVisible();
  await page.goto(`/library/${grant.grantId}`);
  await expect(page).toHaveURL(/\/library$/);
  // The link worked once.
  await page.goto(href);
  await expect(page.getByTestId("library-open").getByRole("alert")).toHaveText(
    "This link has already been used. Ask for a new one below.",
  );
});
