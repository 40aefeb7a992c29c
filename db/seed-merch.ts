import { and, eq } from "drizzle-orm";
import sharp from "sharp";
import { preparePhotos, storePhotos } from "@/lib/merch/photos";
import type { Db } from "./client";
import { artists, products, releases, shippingRates } from "./schema";
import { cover, DEMO_ALBUM } from "./seed-album";

/** The demo album's CD: a jewel case drawn around the album cover. */
async function cdPhoto() {
  const art = await sharp(await cover())
    .resize(900, 900)
    .png()
    .toBuffer();
  return sharp({ create: { width: 1200, height: 1200, channels: 3, background: "#e7e5e4" } })
    .composite([
      {
        input: Buffer.from(
          `<svg xmlns="http://www.w3.org/2000/svg" width="1000" height="1000"><rect x="0" y="0" width="1000" height="1000" rx="18" fill="#1c1917" opacity=".18"/></svg>`,
        ),
        left: 110,
        top: 120,
      },
      { input: art, left: 150, top: 150 },
    ])
    .png()
    .toBuffer();
}

/**
 * The demo band's merch table: the album on CD (25 in stock, download included) and shipping
 * from France, so a fresh shop shows the whole buying path, parcels included.
 */
export async function seedDemoMerch(db: Db, artistId: string) {
  const [existing] = await db
    .select({ id: products.id })
    .from(products)
    .where(eq(products.artistId, artistId))
    .limit(1);
  if (existing) return;
  const [album] = await db
    .select({ id: releases.id })
    .from(releases)
    .where(and(eq(releases.artistId, artistId), eq(releases.slug, DEMO_ALBUM.slug)));
  await db.update(artists).set({ country: "FR" }).where(eq(artists.id, artistId));
  const prepared = await preparePhotos([{ name: "cd.png", bytes: await cdPhoto() }]);
  const id = crypto.randomUUID();
  const photoKeys = prepared.ok ? await storePhotos(artistId, id, prepared.photos) : [];
  await db.insert(products).values({
    id,
    artistId,
    releaseId: album?.id ?? null,
    kind: "cd",
    title: `${DEMO_ALBUM.title} (CD)`,
    description: "Four-panel digipak, pressed in Lyon. Comes with the digital album in any format.",
    photoKeys,
    priceAmount: 1200,
    currency: "EUR",
    stock: 25,
    published: true,
    position: 1,
  });
  await db.insert(shippingRates).values([
    { artistId, zone: "home", firstItem: 300, eachExtra: 100, currency: "EUR" },
    { artistId, zone: "europe", firstItem: 600, eachExtra: 200, currency: "EUR" },
    { artistId, zone: "world", firstItem: 1200, eachExtra: 300, currency: "EUR" },
  ]);
}
