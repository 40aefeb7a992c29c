import { expect, type Page } from "@playwright/test";
import { and, eq } from "drizzle-orm";
import sharp from "sharp";
import { createDb } from "@/db/client";
import { artistMembers, artists, orderItems, orders, releases, tracks, users } from "@/db/schema";
import { hashPassword } from "@/lib/auth/password";
import { createDownloadGrant } from "@/lib/orders/download-grants";

export const uniqueId = () => Math.random().toString(36).slice(2, 8);

let pool: ReturnType<typeof createDb> | undefined;
export function testDb() {
  pool ??= createDb(process.env.DATABASE_URL!, { max: 2 });
  return pool.db;
}

/** A user made directly in the database; only the flow under test goes through the browser. */
export async function seedUser(password = "band-password-1") {
  const email = `user-${uniqueId()}@example.test`;
  const [user] = await testDb()
    .insert(users)
    .values({ email, name: "Test Member", passwordHash: await hashPassword(password) })
    .returning();
  return { ...user, password };
}

export async function signInWithPassword(page: Page, email: string, password: string) {
  await page.goto("/signin");
  const form = page.getByTestId("password-signin");
  await form.getByLabel("Email").fill(email);
  await form.getByLabel("Password").fill(password);
  await form.getByRole("button", { name: "Sign in" }).click();
}

export function pictureFile(name = "photo.png", width = 900, height = 900) {
  return sharp({ create: { width, height, channels: 3, background: "#aa5533" } })
    .png()
    .toBuffer()
    .then((buffer) => ({ name, mimeType: "image/png", buffer }));
}

export async function createBandThroughOnboarding(page: Page, name: string) {
  await expect(page).toHaveURL(/\/onboarding$/);
  await page.getByLabel("Band or artist name").fill(name);
  await page.getByRole("button", { name: "Create my shop" }).click();
  await expect(page.getByTestId("dashboard-title")).toContainText(name);
}

/** Folder for screenshots a person should look at (one per TEST_INSTANCE). */
export const artifacts = process.env.E2E_ARTIFACTS ?? "tests/.artifacts";

/**
 * A Free band with one published album (or none, with `firstPublished: false`) and a second release
 * ready to publish, each with a playable track, and an owner who can sign in: straight in the database.
 */
export async function seedFreeBand(options: { firstPublished?: boolean } = {}) {
  const db = testDb();
  const user = await seedUser();
  const slug = `free-${uniqueId()}`;
  const [artist] = await db
    .insert(artists)
    .values({ slug, name: `Free Band ${slug}`, currency: "EUR", country: "FR" })
    .returning();
  await db.insert(artistMembers).values({ artistId: artist.id, userId: user.id, role: "owner" });
  const release = async (title: string, status: "draft" | "published") => {
    const [row] = await db
      .insert(releases)
      .values({
        artistId: artist.id,
        slug: title.toLowerCase().replaceAll(" ", "-"),
        title,
        status,
        publishedAt: status === "published" ? new Date() : null,
        pricingMode: "fixed",
        priceAmount: 700,
        currency: "EUR",
      })
      .returning();
    await db.insert(tracks).values({
      releaseId: row.id,
      artistId: artist.id,
      position: 1,
      title: `${title} song`,
      masterKey: `masters/${uniqueId()}.flac`,
      status: "ready",
    });
    return row;
  };
  const album = await release("First Album", options.firstPublished === false ? "draft" : "published");
  const second = await release("Second Album", "draft");
  return { user, artist, album, second };
}

/** A paid order for the demo album and its grant, built straight in the database as fulfilment leaves them. */
export async function paidAlbumOrder(email = `fan-${uniqueId()}@example.test`) {
  const db = testDb();
  const [artist] = await db.select().from(artists).where(eq(artists.slug, "demo-band"));
  const [album] = await db
    .select()
    .from(releases)
    .where(and(eq(releases.artistId, artist.id), eq(releases.slug, "first-light")));
  const order = await db.transaction(async (tx) => {
    const [row] = await tx
      .insert(orders)
      .values({
        artistId: artist.id,
        status: "paid",
        email,
        currency: "EUR",
        subtotal: 700,
        total: 700,
        provider: "test",
        providerSessionId: `test_${uniqueId()}`,
        expiresAt: new Date(),
      })
      .returning();
    await tx.insert(orderItems).values({
      orderId: row.id,
      kind: "release",
      releaseId: album.id,
      title: album.title,
      unitAmount: 700,
      currency: "EUR",
    });
    return row;
  });
  const grant = await createDownloadGrant(db, {
    artistId: artist.id,
    orderId: order.id,
    email,
    items: [{ releaseId: album.id, trackId: null }],
  });
  return { email, order, grant, path: `/download/${grant.token}` };
}
