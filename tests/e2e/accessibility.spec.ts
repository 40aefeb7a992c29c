import AxeBuilder from "@axe-core/playwright";
import { expect, test, type Page } from "@playwright/test";
import { and, desc, eq } from "drizzle-orm";
import { artists, discountCodes, orders, products, releases, tracks } from "@/db/schema";
import { DEMO } from "@/db/seed";
import { setPublicCollection, setWishlisted } from "@/lib/collection";
import { issueCard } from "@/lib/credit";
import { LIBRARY_COOKIE, sealLibrarySession } from "@/lib/library";
import { createDownloadGrant } from "@/lib/orders/download-grants";
import { signInWithPassword, testDb, uniqueId } from "./helpers";

/**
 * axe (WCAG 2.0 and 2.1, A and AA) on every page a fan or a band uses and on each widget, at a
 * desktop and a phone width: no serious or critical violation. Each page is checked softly, so
 * one run lists every page's problems, each written out with the elements axe points at.
 */
const TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"];
const VIEWPORTS = [
  { name: "desktop", width: 1280, height: 800 },
  { name: "phone", width: 390, height: 844 },
] as const;

type Violation = Awaited<ReturnType<AxeBuilder["analyze"]>>["violations"][number];

function readable(violations: Violation[]) {
  return violations
    .map(
      (v) =>
        `[${v.impact}] ${v.id}: ${v.help}\n  ${v.helpUrl}\n` +
        v.nodes
          .slice(0, 6)
          .map((node) => `  - ${node.target.join(" ")}\n    ${node.failureSummary?.replace(/\n/g, "\n    ")}`)
          .join("\n"),
    )
    .join("\n");
}

async function checkPage(page: Page, name: string) {
  await page.waitForLoadState("load");
  // Next streams a dynamic page's metadata after its body: analyse the page once its title is in.
  await expect(page).toHaveTitle(/\S/);
  const results = await new AxeBuilder({ page }).withTags(TAGS).analyze();
  const serious = results.violations.filter((v) => v.impact === "serious" || v.impact === "critical");
  expect.soft(serious.length, `${name} (${page.url()}):\n${readable(serious)}`).toBe(0);
}

async function demoCatalog() {
  const db = testDb();
  const [artist] = await db.select().from(artists).where(eq(artists.slug, DEMO.slug));
  const [album] = await db
    .select()
    .from(releases)
    .where(and(eq(releases.artistId, artist.id), eq(releases.slug, "first-light")));
  const [track] = await db.select().from(tracks).where(eq(tracks.releaseId, album.id)).orderBy(tracks.position);
  const [cd] = await db.select().from(products).where(eq(products.artistId, artist.id));
  return { artist, album, track, cd };
}

for (const viewport of VIEWPORTS) {
  test.describe(`on a ${viewport.name}`, () => {
    test.use({ viewport: { width: viewport.width, height: viewport.height } });

    test("a fan's pages, from the home page to the download and the library, have no serious violation", async ({
      page,
      context,
    }) => {
      test.setTimeout(300_000);
      const email = `fan-${uniqueId()}@example.test`;
      await page.goto("/");
      await checkPage(page, "home");
      await page.goto(`/${DEMO.slug}`);
      await checkPage(page, "shop");
      await page.goto(`/${DEMO.slug}/first-light`);
      await expect(page.getByTestId("player")).toBeVisible();
      await checkPage(page, "release");

      await page.getByTestId("buy-panel").getByRole("button", { name: "Buy now" }).first().click();
      await expect(page.getByTestId("cart-line")).toHaveCount(1);
      await checkPage(page, "cart with an item");
      await page.getByTestId("checkout-form").getByLabel(/Email/).fill(email);
      await page
        .getByTestId("checkout-form")
        .getByRole("button", { name: /Checkout/ })
        .click();
      await expect(page.getByTestId("test-banner")).toBeVisible();
      await checkPage(page, "test-payment checkout");
      await page.getByRole("button", { name: /Pay / }).click();
      await expect(page.getByRole("heading", { name: "Thank you!" })).toBeVisible();
      await checkPage(page, "thank-you");
      await page.getByTestId("go-to-downloads").click();
      await expect(page.getByTestId("download-item")).toHaveCount(1);
      await checkPage(page, "download");

      await page.goto("/library");
      await checkPage(page, "library sign-in");
      const session = sealLibrarySession(email);
      await context.addCookies([{ name: LIBRARY_COOKIE, value: session.value, url: new URL(page.url()).origin }]);
      await page.goto("/library");
      await expect(page.getByTestId("library-entry")).toHaveCount(1);
      await checkPage(page, "library");
    });

    test("the gift and credit pages have no serious violation", async ({ page, context }) => {
      test.setTimeout(120_000);
      const db = testDb();
      const { card, code, pageToken } = await db.transaction((tx) =>
        issueCard(tx, {
          currency: "EUR",
          amount: 2500,
          scope: { type: "platform" },
          gift: { senderName: "Alex", message: "Happy birthday!" },
        }),
      );
      for (const [path, name] of [
        ["/gift", "gift card form"],
        [`/${DEMO.slug}/gift-card`, "band gift card form"],
        [`/${DEMO.slug}/first-light/gift`, "album gift form"],
        [`/gift/card/${pageToken}`, "printable gift card"],
        [`/gift/redeem?code=${code}`, "redeem, signed out"],
      ] as const) {
        await page.goto(path);
        await checkPage(page, name);
      }
      const email = `fan-${uniqueId()}@example.test`;
      const session = sealLibrarySession(email);
      await context.addCookies([{ name: LIBRARY_COOKIE, value: session.value, url: new URL(page.url()).origin }]);
      await page.goto(`/gift/redeem?code=${code}`);
      await checkPage(page, "redeem, signed in");
      await page.getByTestId("gift-redeem-form").getByRole("button", { name: "Add to my balance" }).click();
      await expect(page.getByTestId("gift-redeemed")).toBeVisible();
      await checkPage(page, "redeemed");
      await page.goto("/library");
      await expect(page.getByTestId("library-balance")).toHaveCount(1);
      await checkPage(page, "library with credit");
      expect(card.amount).toBe(2500);
    });

    test("a band's dashboard pages have no serious violation", async ({ page }) => {
      test.setTimeout(300_000);
      const { artist, album, cd } = await demoCatalog();
      const [order] = await testDb()
        .select({ id: orders.id })
        .from(orders)
        .where(eq(orders.artistId, artist.id))
        .orderBy(desc(orders.createdAt))
        .limit(1);
      const [discount] = await testDb()
        .select({ id: discountCodes.id })
        .from(discountCodes)
        .where(eq(discountCodes.artistId, artist.id))
        .limit(1);
      await signInWithPassword(page, DEMO.email, DEMO.password);
      await expect(page).toHaveURL(/\/dashboard/);
      const base = `/dashboard/${DEMO.slug}`;
      const paths = [
        "",
        "/releases",
        `/releases/${album.id}`,
        "/releases/new",
        "/merch",
        `/merch/${cd.id}`,
        "/orders",
        ...(order ? [`/orders/${order.id}`] : []),
        "/codes",
        "/discounts",
        ...(discount ? [`/discounts/${discount.id}`] : []),
        "/shipping",
        "/payouts",
        "/fans",
        "/embed",
        "/settings",
        "/members",
      ];
      for (const path of paths) {
        await page.goto(`${base}${path}`);
        await checkPage(page, `dashboard${path || " overview"}`);
      }
    });

    test("the collection pages (lyrics, wishlist, public collection) have no serious violation", async ({
      page,
      context,
    }) => {
      const db = testDb();
      const { artist, album } = await demoCatalog();
      const [band] = await db
        .insert(artists)
        .values({ slug: `lyrics-${uniqueId()}`, name: "The Lyricists", currency: "EUR", country: "FR" })
        .returning();
      const [single] = await db
        .insert(releases)
        .values({ artistId: band.id, slug: "verses", title: "Verses", kind: "single", status: "published" })
        .returning();
      await db.insert(tracks).values({
        releaseId: single.id,
        artistId: band.id,
        position: 1,
        title: "First Verse",
        lyrics: "One line\nAnother line",
        masterKey: `masters/${band.id}/none.flac`,
        status: "ready",
      });
      await page.goto(`/library/wishlist/${single.id}`);
      await checkPage(page, "wishlist, signed out");
      const email = `fan-${uniqueId()}@example.test`;
      await createDownloadGrant(db, {
        artistId: artist.id,
        orderId: null,
        email,
        items: [{ releaseId: album.id, trackId: null }],
      });
      await setWishlisted(db, email, single.id, true);
      const slug = `fan-${uniqueId()}`;
      await setPublicCollection(db, email, { public: true, displayName: "Ana", slug });
      await context.addCookies([
        { name: LIBRARY_COOKIE, value: sealLibrarySession(email).value, url: new URL(page.url()).origin },
      ]);
      await page.goto(`/${band.slug}/verses`);
      await page.getByTestId("track-lyrics").locator("summary").click();
      await checkPage(page, "release page, lyrics open");
      for (const [path, name] of [
        [`/library/wishlist/${single.id}`, "wishlist, signed in"],
        ["/library", "library with wishlist and collection"],
        [`/fans/${slug}`, "public collection"],
      ] as const) {
        await page.goto(path);
        await checkPage(page, name);
      }
    });

    test("every widget, in its light and dark theme, has no serious violation", async ({ page }) => {
      test.setTimeout(300_000);
      const { artist, album, track, cd } = await demoCatalog();
      const widgets = [
        `/embed/release/${album.id}`,
        `/embed/release/${album.id}?layout=compact`,
        `/embed/release/${album.id}?layout=slim`,
        `/embed/track/${track.id}`,
        `/embed/buy/${album.id}`,
        `/embed/buy/${cd.id}?layout=slim`,
        `/embed/shop/${artist.slug}`,
        `/embed/shop/${artist.slug}?layout=compact`,
      ];
      for (const widget of widgets) {
        for (const theme of ["light", "dark"]) {
          const url = `${widget}${widget.includes("?") ? "&" : "?"}theme=${theme}`;
          await page.goto(url);
          await checkPage(page, `widget ${url}`);
        }
      }
      // A band's yellow accent: the widget's buttons and rings keep their contrast.
      await page.goto(`/embed/release/${album.id}?theme=light&accent=ffd400`);
      await checkPage(page, "widget with a yellow accent");
    });
  });
}
