import { eq } from "drizzle-orm";
import type { Db } from "@/db/client";
import {
  artists,
  emailQueue,
  productOptions,
  products,
  releases,
  shippingRates,
  tracks,
  type Artist,
  type Plan,
} from "@/db/schema";
import { makeArtist, makeUser, unique } from "./factories";

/**
 * A band ready to sell: a published album (€7, tracks €1 each), a CD with stock that includes
 * the album, a shirt in sizes, and shipping rates from France. Built straight in the database.
 */
export async function makeShop(
  db: Db,
  options: {
    cdStock?: number | null;
    albumMode?: "fixed" | "pay_what_you_want" | "free";
    albumMinimum?: number;
    /** Pro for a test that publishes more releases than the album (Free lists one). */
    plan?: Plan;
  } = {},
) {
  const owner = await makeUser(db);
  const base = await makeArtist(db, owner.id, { plan: options.plan });
  const [artist] = await db
    .update(artists)
    .set({ country: "FR", currency: "EUR" })
    .where(eq(artists.id, base.id))
    .returning();
  const [album] = await db
    .insert(releases)
    .values({
      artistId: artist.id,
      slug: unique("album"),
      title: "Test Album",
      status: "published",
      publishedAt: new Date(),
      pricingMode: options.albumMode ?? "fixed",
      priceAmount: 700,
      priceMinimum: options.albumMinimum ?? 0,
      currency: "EUR",
    })
    .returning();
  const trackRows = await db
    .insert(tracks)
    .values(
      [1, 2].map((position) => ({
        releaseId: album.id,
        artistId: artist.id,
        position,
        title: `Song ${position}`,
        masterKey: `masters/${unique("m")}.flac`,
        status: "ready" as const,
        pricingMode: position === 1 ? ("fixed" as const) : null,
        priceAmount: position === 1 ? 100 : null,
      })),
    )
    .returning();
  const [cd] = await db
    .insert(products)
    .values({
      artistId: artist.id,
      releaseId: album.id,
      kind: "cd",
      title: "Test Album CD",
      priceAmount: 1200,
      currency: "EUR",
      stock: options.cdStock === undefined ? 10 : options.cdStock,
      published: true,
    })
    .returning();
  const [shirt] = await db
    .insert(products)
    .values({ artistId: artist.id, kind: "shirt", title: "Shirt", priceAmount: 2000, currency: "EUR", published: true })
    .returning();
  const sizes = await db
    .insert(productOptions)
    .values([
      { productId: shirt.id, label: "M", stock: 2, position: 0 },
      { productId: shirt.id, label: "L", stock: null, position: 1 },
    ])
    .returning();
  await db.insert(shippingRates).values([
    { artistId: artist.id, zone: "home", firstItem: 400, eachExtra: 100, currency: "EUR" },
    { artistId: artist.id, zone: "europe", firstItem: 800, eachExtra: 200, currency: "EUR" },
  ]);
  return { owner, artist: artist as Artist, album, tracks: trackRows, cd, shirt, sizes };
}

export async function queuedEmails(db: Db, dedupeKey: string) {
  return db.select().from(emailQueue).where(eq(emailQueue.dedupeKey, dedupeKey));
}
