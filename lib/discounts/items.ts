import { asc, eq } from "drizzle-orm";
import type { DbOrTx } from "@/db/client";
import { products, releases, tracks } from "@/db/schema";

export type DiscountItemChoice = { value: string; label: string };

/** Everything a code can be limited to: the band's releases, tracks and merch ("kind:id" values, as the form sends them). */
export async function discountItemChoices(
  db: DbOrTx,
  artistId: string,
  kindLabel: (kind: "release" | "track" | "product") => string,
): Promise<DiscountItemChoice[]> {
  const [rs, ts, ps] = await Promise.all([
    db
      .select({ id: releases.id, title: releases.title })
      .from(releases)
      .where(eq(releases.artistId, artistId))
      .orderBy(asc(releases.title)),
    db
      .select({ id: tracks.id, title: tracks.title, release: releases.title })
      .from(tracks)
      .innerJoin(releases, eq(releases.id, tracks.releaseId))
      .where(eq(tracks.artistId, artistId))
      .orderBy(asc(releases.title), asc(tracks.position)),
    db
      .select({ id: products.id, title: products.title })
      .from(products)
      .where(eq(products.artistId, artistId))
      .orderBy(asc(products.title)),
  ]);
  return [
    ...rs.map((r) => ({ value: `release:${r.id}`, label: `${kindLabel("release")} · ${r.title}` })),
    ...ts.map((r) => ({ value: `track:${r.id}`, label: `${kindLabel("track")} · ${r.title} (${r.release})` })),
    ...ps.map((r) => ({ value: `product:${r.id}`, label: `${kindLabel("product")} · ${r.title}` })),
  ];
}
