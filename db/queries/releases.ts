import { and, eq, isNull } from "drizzle-orm";
import { releases } from "@/db/schema";

/**
 * The band's releases fans find on its shop: published, listed and not taken down. The shop grid,
 * the shop widget and the Free plan's limit (which counts these, migration 0019 too) agree on it.
 */
export const onShop = (artistId: string) =>
  and(
    eq(releases.artistId, artistId),
    eq(releases.status, "published"),
    eq(releases.listed, true),
    isNull(releases.takenDownAt),
  )!;
