"use server";

import { getTranslations } from "next-intl/server";
import { revalidatePath } from "next/cache";
import { db } from "@/db";
import { requireArtistMember } from "@/lib/artists/guard";
import { createDiscountCode, deleteDiscountCode, parseDiscountForm, updateDiscountCode } from "@/lib/discounts";

export type DiscountFormState =
  | null
  | { ok: true; message: string }
  | { ok: false; error?: string; fieldErrors?: Record<string, string>; values?: Record<string, string> };
export type DiscountRowState = null | { ok: false; error: string };

const str = (form: FormData, key: string) => String(form.get(key) ?? "");
const FIELDS = ["code", "kind", "amount", "currency", "scope", "item", "expiresAt", "usageLimit", "active"] as const;

/**
 * The form as the band typed it (sent back so the form keeps it: React resets a form after its
 * action) and as lib/discounts reads it, with field errors already in the band's language.
 */
async function readForm(form: FormData, artistId: string) {
  const t = await getTranslations("discounts.form");
  const raw = Object.fromEntries(FIELDS.map((f) => [f, form.get(f) === null ? undefined : str(form, f)]));
  const values = Object.fromEntries(FIELDS.map((f) => [f, str(form, f).slice(0, 120)]));
  const parsed = await parseDiscountForm(db, artistId, raw);
  const refused: DiscountFormState | null = parsed.ok
    ? null
    : {
        ok: false,
        values,
        fieldErrors: Object.fromEntries(
          Object.entries(parsed.fieldErrors).map(([field, key]) => [field, t(`errors.${key}` as "errors.invalid")]),
        ),
      };
  return { t, values, parsed, refused };
}

/** Every action is a public POST endpoint: the band is the checked membership's, and lib/discounts scopes each write by it. */
export async function createDiscountAction(_prev: DiscountFormState, form: FormData): Promise<DiscountFormState> {
  const { artist } = await requireArtistMember({ id: str(form, "artistId") });
  const { t, values, parsed, refused } = await readForm(form, artist.id);
  if (!parsed.ok) return refused;
  const created = await createDiscountCode(db, artist.id, parsed.value);
  if (!created) return { ok: false, values, fieldErrors: { code: t("errors.taken") } };
  revalidatePath(`/dashboard/${artist.slug}/discounts`);
  return { ok: true, message: t("created", { code: created.code }) };
}

export async function updateDiscountAction(_prev: DiscountFormState, form: FormData): Promise<DiscountFormState> {
  const { artist } = await requireArtistMember({ id: str(form, "artistId") });
  const { t, values, parsed, refused } = await readForm(form, artist.id);
  if (!parsed.ok) return refused;
  const result = await updateDiscountCode(db, artist.id, str(form, "id"), parsed.value);
  if (!result.ok) {
    if (result.error === "not_found")
      return { ok: false, values, error: (await getTranslations("discounts.list"))("notFound") };
    return {
      ok: false,
      values,
      fieldErrors: result.error === "taken" ? { code: t("errors.taken") } : { usageLimit: t("errors.belowUsed") },
    };
  }
  revalidatePath(`/dashboard/${artist.slug}/discounts`);
  return { ok: true, message: t("saved", { code: parsed.value.code }) };
}

export async function toggleDiscountAction(_prev: DiscountRowState, form: FormData): Promise<DiscountRowState> {
  const { artist } = await requireArtistMember({ id: str(form, "artistId") });
  const result = await updateDiscountCode(db, artist.id, str(form, "id"), { active: str(form, "active") === "true" });
  if (!result.ok) return { ok: false, error: (await getTranslations("discounts.list"))("notFound") };
  revalidatePath(`/dashboard/${artist.slug}/discounts`);
  return null;
}

export async function deleteDiscountAction(_prev: DiscountRowState, form: FormData): Promise<DiscountRowState> {
  const { artist } = await requireArtistMember({ id: str(form, "artistId") });
  if (!(await deleteDiscountCode(db, artist.id, str(form, "id"))))
    return { ok: false, error: (await getTranslations("discounts.list"))("notFound") };
  revalidatePath(`/dashboard/${artist.slug}/discounts`);
  return null;
}
