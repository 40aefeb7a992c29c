import { and, eq } from "drizzle-orm";
import type { DbOrTx } from "@/db/client";
import { discountCodes, downloadCodeBatches, products, releases } from "@/db/schema";

export type NamedThing = "release" | "product" | "discount" | "batch";

/**
 * What a dashboard tab calls one of the band's things (a release's title, an item's name, a
 * discount's code, a code batch's release), or null when the band has no such thing.
 */
export async function nameOfArtistThing(
  db: DbOrTx,
  artistId: string,
  kind: NamedThing,
  id: string,
): Promise<string | null> {
  switch (kind) {
    case "release": {
      const [row] = await db
        .select({ name: releases.title })
        .from(releases)
        .where(and(eq(releases.id, id), eq(releases.artistId, artistId)))
        .limit(1);
      return row?.name ?? null;
    }
    case "product": {
      const [row] = await db
        .select({ name: products.title })
        .from(products)
        .where(and(eq(products.id, id), eq(products.artistId, artistId)))
        .limit(1);
      return row?.name ?? null;
    }
    case "discount": {
      const [row] = await db
        .select({ name: discountCodes.code })
        .from(discountCodes)
        .where(and(eq(discountCodes.id, id), eq(discountCodes.artistId, artistId)))
        .limit(1);
      return row?.name ?? null;
    }
    case "batch": {
      const [row] = await db
        .select({ name: releases.title, label: downloadCodeBatches.label })
        .from(downloadCodeBatches)
        .innerJoin(releases, eq(releases.id, downloadCodeBatches.releaseId))
        .where(and(eq(downloadCodeBatches.id, id), eq(downloadCodeBatches.artistId, artistId)))
        .limit(1);
      return row ? row.label || row.name : null;
    }
  }
}
