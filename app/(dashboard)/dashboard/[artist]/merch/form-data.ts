import { asc, eq } from "drizzle-orm";
import type { ProductFormInitial } from "@/components/dashboard/selling/product-form";
import { db } from "@/db";
import { releases } from "@/db/schema";
import { CURRENCIES } from "@/lib/artists/currencies";
import { env } from "@/lib/env";
import { MAX_OPTIONS, MAX_PHOTOS, photoUrls, PRODUCT_KINDS, type ProductWithOptions } from "@/lib/merch";
import { moneyInputValue } from "@/lib/money";

/** What the new and edit pages both hand to the product form. Call after the membership check. */
export async function productFormProps(artistId: string) {
  const list = await db
    .select({ id: releases.id, title: releases.title })
    .from(releases)
    .where(eq(releases.artistId, artistId))
    .orderBy(asc(releases.title));
  return {
    kinds: PRODUCT_KINDS,
    currencies: CURRENCIES,
    releases: list,
    limits: { photos: MAX_PHOTOS, options: MAX_OPTIONS, imageMb: env().MAX_IMAGE_MB },
  };
}

const units = (stock: number | null) => (stock === null ? "" : String(stock));

export function productInitial(product: ProductWithOptions): ProductFormInitial {
  return {
    id: product.id,
    kind: product.kind,
    title: product.title,
    description: product.description,
    price: moneyInputValue(product.priceAmount, product.currency),
    currency: product.currency,
    stock: units(product.stock),
    releaseId: product.releaseId ?? "",
    published: product.published,
    options: product.options.map((o) => ({ id: o.id, label: o.label, stock: units(o.stock) })),
    photos: product.photoKeys.map((key) => ({ key, url: photoUrls(key).small })),
  };
}
