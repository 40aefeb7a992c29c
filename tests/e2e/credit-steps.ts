import { artists, releases, tracks } from "@/db/schema";
import { testDb, uniqueId } from "./helpers";

/** A band selling tracks one by one (by default two below the card minimum: 0.10 and 0.30), built straight in the database. */
export async function seedCheapTracks(
  prices: { title: string; price: number }[] = [
    { title: "Ten Cents", price: 10 },
    { title: "Thirty Cents", price: 30 },
  ],
) {
  const db = testDb();
  const slug = `cheap-${uniqueId()}`;
  const [artist] = await db
    .insert(artists)
    .values({ slug, name: `Cheap Band ${slug}`, currency: "EUR", country: "FR" })
    .returning();
  const [release] = await db
    .insert(releases)
    .values({
      artistId: artist.id,
      slug: "pennies",
      title: "Pennies",
      status: "published",
      publishedAt: new Date(),
      pricingMode: "fixed",
      priceAmount: 300,
      currency: "EUR",
    })
    .returning();
  await db.insert(tracks).values(
    prices.map(({ title, price }, i) => ({
      releaseId: release.id,
      artistId: artist.id,
      position: i + 1,
      title,
      masterKey: `masters/${uniqueId()}.flac`,
      status: "ready" as const,
      pricingMode: "fixed" as const,
      priceAmount: price,
    })),
  );
  return { artist, release };
}
