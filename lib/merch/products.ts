import { and, asc, desc, eq, inArray, sql } from "drizzle-orm";
import type { Db, DbOrTx } from "@/db/client";
import { productOptions, products, releases, type Product, type ProductOption } from "@/db/schema";
import { checkArtistAccess } from "@/lib/artists";
import { MAX_PHOTOS, parseProductInput, type FieldErrors, type ProductInput } from "./input";
import { preparePhotos, removePhotos, storePhotos, type PhotoProblem, type PhotoUpload } from "./photos";

export type ProductWithOptions = Product & { options: ProductOption[] };
export type ProductResult =
  | { ok: true; product: ProductWithOptions }
  | { ok: false; error: "not_found" }
  | { ok: false; error: "invalid"; fieldErrors: FieldErrors; photoProblem?: PhotoProblem };

/** What the form sent beside its fields: new photo files, and stored photos to drop. */
export type PhotoChanges = { add?: PhotoUpload[]; remove?: string[] };

/**
 * Stock is only written when the band changed the number it was shown (`stockWas`): checkouts
 * take units meanwhile with conditional updates, and saving a new title must not put them back.
 */
const stockTouched = (raw: { stock?: unknown; stockWas?: unknown }) =>
  raw.stockWas === undefined || String(raw.stock ?? "").trim() !== String(raw.stockWas).trim();

const invalid = (fieldErrors: FieldErrors, photoProblem?: PhotoProblem) =>
  ({ ok: false, error: "invalid", fieldErrors, photoProblem }) as const;
const notFound = { ok: false, error: "not_found" } as const;

async function loadOptions(db: DbOrTx, productId: string) {
  return db
    .select()
    .from(productOptions)
    .where(eq(productOptions.productId, productId))
    .orderBy(asc(productOptions.position), asc(productOptions.createdAt));
}

/** The product if it belongs to `artistId`; a product of any other band is simply not there. */
export async function productOfArtist(
  db: DbOrTx,
  artistId: string,
  productId: string,
): Promise<ProductWithOptions | null> {
  const [product] = await db
    .select()
    .from(products)
    .where(and(eq(products.id, productId), eq(products.artistId, artistId)));
  return product ? { ...product, options: await loadOptions(db, product.id) } : null;
}

async function releaseBelongs(db: DbOrTx, artistId: string, releaseId: string | null) {
  if (!releaseId) return true;
  const [row] = await db
    .select({ id: releases.id })
    .from(releases)
    .where(and(eq(releases.id, releaseId), eq(releases.artistId, artistId)));
  return Boolean(row);
}

/** Checks the fields, the release and the photo bytes; writes nothing. */
async function validate(
  db: Db,
  artistId: string,
  fallbackCurrency: string,
  raw: Record<string, unknown>,
  keptPhotos: number,
  add: PhotoUpload[],
) {
  const parsed = parseProductInput(raw, fallbackCurrency);
  const fieldErrors: FieldErrors = parsed.ok ? {} : { ...parsed.fieldErrors };
  if (keptPhotos + add.length > MAX_PHOTOS) fieldErrors.photos = "photos_too_many";
  if (parsed.ok && !(await releaseBelongs(db, artistId, parsed.data.releaseId))) return { kind: "not_found" } as const;
  if (!parsed.ok || Object.keys(fieldErrors).length) return { kind: "invalid", fieldErrors } as const;
  const prepared = await preparePhotos(add);
  if (!prepared.ok)
    return {
      kind: "invalid",
      fieldErrors: { photos: `photo_${prepared.problem.reason}` },
      photoProblem: prepared.problem,
    } as const;
  return { kind: "ok", data: parsed.data, photos: prepared.photos } as const;
}

function productColumns(data: ProductInput) {
  const { options: _options, price, ...rest } = data;
  // With options, stock lives on each option; the product's own count would only mislead.
  return { ...rest, priceAmount: price, stock: data.options.length ? null : data.stock };
}

export async function createProduct(
  db: Db,
  userId: string,
  artistId: string,
  raw: Record<string, unknown>,
  photos: PhotoChanges = {},
): Promise<ProductResult> {
  const access = await checkArtistAccess(db, userId, { id: artistId });
  if (!access.allowed) return notFound;
  const checked = await validate(db, artistId, access.artist.currency, raw, 0, photos.add ?? []);
  if (checked.kind === "not_found") return notFound;
  if (checked.kind === "invalid") return invalid(checked.fieldErrors, checked.photoProblem);
  if (checked.data.options.some((o) => o.id)) return notFound; // a new product has no options yet
  const id = crypto.randomUUID();
  const photoKeys = await storePhotos(artistId, id, checked.photos);
  try {
    const product = await db.transaction(async (tx) => {
      const [created] = await tx
        .insert(products)
        .values({
          id,
          artistId,
          ...productColumns(checked.data),
          photoKeys,
          position: sql`(select coalesce(max(${products.position}), 0) + 1 from ${products} where ${products.artistId} = ${artistId})`,
        })
        .returning();
      const options = checked.data.options.length
        ? await tx
            .insert(productOptions)
            .values(
              checked.data.options.map((o, position) => ({ productId: id, label: o.label, stock: o.stock, position })),
            )
            .returning()
        : [];
      return { ...created, options };
    });
    return { ok: true, product };
  } catch (error) {
    await removePhotos(photoKeys);
    throw error;
  }
}

export async function updateProduct(
  db: Db,
  userId: string,
  artistId: string,
  productId: string,
  raw: Record<string, unknown>,
  photos: PhotoChanges = {},
): Promise<ProductResult> {
  const access = await checkArtistAccess(db, userId, { id: artistId });
  if (!access.allowed) return notFound;
  const current = await productOfArtist(db, artistId, productId);
  if (!current) return notFound;
  const dropping = new Set((photos.remove ?? []).filter((key) => current.photoKeys.includes(key)));
  const kept = current.photoKeys.filter((key) => !dropping.has(key));
  const checked = await validate(db, artistId, access.artist.currency, raw, kept.length, photos.add ?? []);
  if (checked.kind === "not_found") return notFound;
  if (checked.kind === "invalid") return invalid(checked.fieldErrors, checked.photoProblem);
  // Option ids come from the browser: each must be one of this product's own.
  const ownOptions = new Map(current.options.map((o) => [o.id, o]));
  if (checked.data.options.some((o) => o.id && !ownOptions.has(o.id))) return notFound;

  const added = await storePhotos(artistId, productId, checked.photos);
  const rawOptions = Array.isArray(raw.options) ? (raw.options as { stock?: unknown; stockWas?: unknown }[]) : [];
  const { stock, ...columns } = productColumns(checked.data);
  const product = await db.transaction(async (tx) => {
    const keepIds = checked.data.options.flatMap((o) => (o.id ? [o.id] : []));
    const gone = current.options.filter((o) => !keepIds.includes(o.id)).map((o) => o.id);
    if (gone.length)
      await tx
        .delete(productOptions)
        .where(and(eq(productOptions.productId, productId), inArray(productOptions.id, gone)));
    for (const [position, option] of checked.data.options.entries()) {
      if (!option.id) {
        await tx.insert(productOptions).values({ productId, label: option.label, stock: option.stock, position });
        continue;
      }
      const touched = stockTouched(rawOptions[position] ?? {});
      await tx
        .update(productOptions)
        .set({ label: option.label, position, ...(touched ? { stock: option.stock } : {}) })
        .where(and(eq(productOptions.id, option.id), eq(productOptions.productId, productId)));
    }
    // Options appearing or disappearing changes where stock lives, so the product's count is rewritten then.
    const stockMoves = (current.options.length === 0) !== (checked.data.options.length === 0);
    const [updated] = await tx
      .update(products)
      .set({ ...columns, photoKeys: [...kept, ...added], ...(stockMoves || stockTouched(raw) ? { stock } : {}) })
      .where(and(eq(products.id, productId), eq(products.artistId, artistId)))
      .returning();
    return { ...updated, options: await loadOptions(tx, productId) };
  });
  await removePhotos([...dropping]);
  return { ok: true, product };
}

export async function deleteProduct(db: Db, userId: string, artistId: string, productId: string) {
  const access = await checkArtistAccess(db, userId, { id: artistId });
  if (!access.allowed) return notFound;
  const [deleted] = await db
    .delete(products)
    .where(and(eq(products.id, productId), eq(products.artistId, artistId)))
    .returning();
  if (!deleted) return notFound;
  await removePhotos(deleted.photoKeys);
  return { ok: true } as const;
}

export type ProductSummary = Product & { optionCount: number; optionStock: number | null; releaseTitle: string | null };

/** The dashboard list: every product of the band, in shop order. Call after the membership check. */
export async function listProductsForArtist(db: DbOrTx, artistId: string): Promise<ProductSummary[]> {
  const rows = await db
    .select({
      product: products,
      releaseTitle: releases.title,
      optionCount: sql<number>`(select count(*)::int from ${productOptions} where ${productOptions.productId} = ${products.id})`,
      // Null when any option is unlimited (or there are none).
      optionStock: sql<
        number | null
      >`(select case when bool_or(${productOptions.stock} is null) then null else sum(${productOptions.stock})::int end from ${productOptions} where ${productOptions.productId} = ${products.id})`,
    })
    .from(products)
    .leftJoin(releases, eq(releases.id, products.releaseId))
    .where(eq(products.artistId, artistId))
    .orderBy(asc(products.position), desc(products.createdAt));
  return rows.map((r) => ({
    ...r.product,
    releaseTitle: r.releaseTitle,
    optionCount: r.optionCount,
    optionStock: r.optionStock,
  }));
}
