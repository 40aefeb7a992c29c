"use server";

import { getTranslations } from "next-intl/server";
import { revalidatePath } from "next/cache";
import { db } from "@/db";
import { saveVatSettings } from "@/lib/artists";
import { requireUser, signOut } from "@/lib/auth";
import { endAllSessions } from "@/lib/auth/sessions";

/** Ends every session of the caller's account (other devices, copied cookies, this browser). */
export async function signOutEverywhereAction() {
  const user = await requireUser();
  await endAllSessions(db, user.id);
  await signOut({ redirectTo: "/signin?signedOut=everywhere" });
}

export type VatFormState =
  | null
  | { ok: true; message: string }
  | { ok: false; error?: string; fieldErrors?: Partial<Record<"number" | "rate" | "mention", string>> };

/** The band's VAT status for what it ships (a public endpoint: membership is checked in saveVatSettings). */
export async function saveVatSettingsAction(_prev: VatFormState, form: FormData): Promise<VatFormState> {
  const user = await requireUser();
  const t = await getTranslations("documents.settings");
  const field = (key: string) => String(form.get(key) ?? "");
  const result = await saveVatSettings(db, user.id, field("artistId"), {
    status: field("vatStatus"),
    mention: field("vatMention"),
    number: field("vatNumber"),
    rate: field("vatRate"),
  });
  if (!result.ok) {
    if (result.error === "not_found") return { ok: false, error: t("errors.forbidden") };
    return {
      ok: false,
      fieldErrors: Object.fromEntries(
        Object.entries(result.fieldErrors).map(([key, code]) => [
          key,
          t(`errors.${code}`, { prefix: result.prefix ?? "" }),
        ]),
      ),
    };
  }
  revalidatePath(`/dashboard/${result.artist.slug}/settings`);
  return { ok: true, message: t("saved") };
}
