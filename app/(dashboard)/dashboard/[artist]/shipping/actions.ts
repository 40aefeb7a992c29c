"use server";

import { getTranslations } from "next-intl/server";
import { revalidatePath } from "next/cache";
import { db } from "@/db";
import { requireArtistMember } from "@/lib/artists/guard";
import { saveShippingSettings } from "@/lib/merch";

/** Same shape as the product form's state; errors arrive translated, keyed "rates.2.firstItem". */
export type ShippingFormState =
  null | { ok: true; message: string } | { ok: false; error?: string; fieldErrors?: Record<string, string> };

const all = (form: FormData, key: string) => form.getAll(key).map((v) => (typeof v === "string" ? v : ""));

/** Rows arrive as parallel lists (one entry per rate row); countries as "FR,BE". */
function readShippingForm(form: FormData) {
  const zones = all(form, "rateZone");
  const [labels, countries, currencies, firsts, extras] = [
    "rateLabel",
    "rateCountries",
    "rateCurrency",
    "rateFirstItem",
    "rateEachExtra",
  ].map((k) => all(form, k));
  return {
    country: String(form.get("country") ?? ""),
    rates: zones.map((zone, i) => ({
      zone,
      label: labels[i] ?? "",
      countries: (countries[i] ?? "").split(",").filter(Boolean),
      currency: currencies[i] ?? "",
      firstItem: firsts[i] ?? "",
      eachExtra: extras[i] ?? "",
    })),
  };
}

export async function saveShippingAction(_prev: ShippingFormState, form: FormData): Promise<ShippingFormState> {
  const { user, artist } = await requireArtistMember({ id: String(form.get("artistId") ?? "") });
  const result = await saveShippingSettings(db, user.id, artist.id, readShippingForm(form));
  const t = await getTranslations("selling");
  if (!result.ok) {
    if (result.error === "not_found") return { ok: false, error: t("errors.not_found") };
    return {
      ok: false,
      fieldErrors: Object.fromEntries(
        Object.entries(result.fieldErrors).map(([field, code]) => [field, t(`errors.${code}`)]),
      ),
    };
  }
  revalidatePath(`/dashboard/${artist.slug}`, "layout");
  revalidatePath(`/${artist.slug}`, "layout");
  return { ok: true, message: t("shipping.saved") };
}
