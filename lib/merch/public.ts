import { and, asc, eq, inArray } from "drizzle-orm";
import type { DbOrTx } from "@/db/client";
import { productOptions, products, releases, type Product, type ProductOption } from "@/db/schema";
import { photoUrls, type PhotoUrls } from "./photos";

/** A product as the shop shows it: no stock figures beyond what a fan needs to know. */
export type PublicProductOption = { id: string; label: string; soldOut: boolean; stock: number | null };
export type PublicProduct = {
  id: string;
  kind: Product["kind"];
  title: string;
  description: string;
  priceAmount: number;
  currency: string;
  /** Units left (null = unlimited); with options, each option has its own. */
  stock: number | null;
  soldOut: boolean;
  photos: PhotoUrls[];
  options: PublicProductOption[];
  /** The release whose download comes with the item, when it is published. */
  release: { id: string; slug: string; title: string } | null;
};

function toPublic(product: Product, options: ProductOption[], release: PublicProduct["release"]): PublicProduct {
  const publicOptions = options.map((o) => ({ id: o.id, label: o.label, stock: o.stock, soldOut: o.stock === 0 }));
  return {
    id: product.id,
    kind: product.kind,
    title: product.title,
    description: product.description,
    priceAmount: product.priceAmount,
    currency: product.currency,
    stock: publicOptions.length ? null : product.stock,
    soldOut: publicOptions.length ? publicOptions.every((o) => o.soldOut) : product.stock === 0,
    photos: product.photoKeys.map(photoUrls),
    options: publicOptions,
    release,
  };
}

async function withDetails(
  db: DbOrTx,
  rows: { product: Product; release: { id: string; slug: string; title: string; status: string } | null }[],
) {
  const ids = rows.map((r) => r.product.id);
  const options = ids.length
    ? await db
        .select()
        .from(productOptions)
        .where(inArray(productOptions.productId, ids))
        .orderBy(asc(productOptions.position), asc(productOptions.createdAt))
    : [];
  return rows.map(({ product, release }) =>
    toPublic(
      product,
      options.filter((o) => o.productId === product.id),
      release && release.status === "published" ? { id: release.id, slug: release.slug, title: release.title } : null,
    ),
  );
}

const releaseColumns = { id: releases.id, slug: releases.slug, title: releases.title, status: releases.status };

/** The band's published products in shop order, with options and photo URLs (only one release's editions with `releaseId`). */
export async function listPublishedProducts(
  db: DbOrTx,
  artistId: string,
  releaseId?: string,
): Promise<PublicProduct[]> {
  const rows = await db
    .select({ product: products, release: releaseColumns })
    .from(products)
    .leftJoin(releases, eq(releases.id, products.releaseId))
    .where(
      and(
        eq(products.artistId, artistId),
        eq(products.published, true),
        releaseId ? eq(products.releaseId, releaseId) : undefined,
      ),
    )
    .orderBy(asc(products.position), asc(products.createdAt));
  return withDetails(db, rows);
}

/** One published product of this band, or null (unpublished, deleted or another band's). */
export async function getPublishedProduct(
  db: DbOrTx,
  artistId: string,
  productId: string,
): Promise<PublicProduct | null> {
  const rows = await db
    .select({ product: products, release: releaseColumns })
    .from(products)
    .leftJoin(releases, eq(releases.id, products.releaseId))
    .where(and(eq(products.id, productId), eq(products.artistId, artistId), eq(products.published, true)));
  const [product] = await withDetails(db, rows);
  return product ?? null;
}
