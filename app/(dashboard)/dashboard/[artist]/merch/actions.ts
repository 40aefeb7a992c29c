"use server";

import { getTranslations } from "next-intl/server";
import { revalidatePath } from "next/cache";
import { redirect } from "next/navigation";
import { db } from "@/db";
import { requireArtistMember } from "@/lib/artists/guard";
import { createProduct, deleteProduct, updateProduct, type PhotoUpload, type ProductResult } from "@/lib/merch";
import { describeProductErrors } from "./describe";

/** Every action is a public POST endpoint: membership is checked here and again in lib/merch. */
export type ProductFormState =
  null | { ok: true; message: string } | { ok: false; error?: string; fieldErrors?: Record<string, string> };

const FIELDS = ["kind", "title", "description", "price", "currency", "stock", "stockWas", "releaseId"] as const;
const str = (form: FormData, key: string) => String(form.get(key) ?? "");
const all = (form: FormData, key: string) => form.getAll(key).map((v) => (typeof v === "string" ? v : ""));

/** The form's fields, its option rows (blank new rows dropped) and its photos. */
async function readProductForm(form: FormData) {
  const raw: Record<string, unknown> = Object.fromEntries(FIELDS.map((f) => [f, str(form, f)]));
  raw.published = form.get("published") === "on";
  const [ids, labels, stocks, stocksWas] = [
    all(form, "optionId"),
    all(form, "optionLabel"),
    all(form, "optionStock"),
    all(form, "optionStockWas"),
  ];
  raw.options = labels
    .map((label, i) => ({
      id: ids[i] ?? "",
      label,
      stock: stocks[i] ?? "",
      stockWas: ids[i] ? stocksWas[i] : undefined,
    }))
    .filter((o) => o.id || o.label.trim() || o.stock.trim());
  const add: PhotoUpload[] = [];
  for (const file of form.getAll("photos")) {
    if (file instanceof File && file.size > 0)
      add.push({ name: file.name, bytes: Buffer.from(await file.arrayBuffer()) });
  }
  return { raw, photos: { add, remove: all(form, "removePhoto") } };
}

async function failure(result: Extract<ProductResult, { ok: false }>): Promise<ProductFormState> {
  const t = await getTranslations("selling.errors");
  if (result.error === "not_found") return { ok: false, error: t("not_found") };
  return { ok: false, fieldErrors: describeProductErrors(result, t) };
}

export async function createProductAction(_prev: ProductFormState, form: FormData): Promise<ProductFormState> {
  const { user, artist } = await requireArtistMember({ id: str(form, "artistId") });
  const { raw, photos } = await readProductForm(form);
  const result = await createProduct(db, user.id, artist.id, raw, photos);
  if (!result.ok) return failure(result);
  revalidatePath(`/${artist.slug}`);
  redirect(`/dashboard/${artist.slug}/merch/${result.product.id}?created=1`);
}

export async function updateProductAction(_prev: ProductFormState, form: FormData): Promise<ProductFormState> {
  const { user, artist } = await requireArtistMember({ id: str(form, "artistId") });
  const { raw, photos } = await readProductForm(form);
  const result = await updateProduct(db, user.id, artist.id, str(form, "productId"), raw, photos);
  if (!result.ok) return failure(result);
  revalidatePath(`/dashboard/${artist.slug}/merch`, "layout");
  revalidatePath(`/${artist.slug}`);
  return { ok: true, message: (await getTranslations("selling.merch"))("saved") };
}

export async function deleteProductAction(form: FormData) {
  const { user, artist } = await requireArtistMember({ id: str(form, "artistId") });
  await deleteProduct(db, user.id, artist.id, str(form, "productId"));
  revalidatePath(`/${artist.slug}`);
  redirect(`/dashboard/${artist.slug}/merch`);
}
