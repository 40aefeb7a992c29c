"use server";

import { getLocale, getTranslations } from "next-intl/server";
import { revalidatePath } from "next/cache";
import { redirect } from "next/navigation";
import { db } from "@/db";
import { requestCollectionExport, setPublicCollection, setWishlisted, type PublicPageError } from "@/lib/collection";
import { isLocale } from "@/lib/i18n/config";
import { libraryViewer } from "./library-session";

/** The heart's page (/library/wishlist/<id>) and the library's "Remove": adds or removes, then shows the result. */
export async function wishlistAction(form: FormData) {
  const viewer = await libraryViewer();
  const releaseId = String(form.get("releaseId") ?? "").slice(0, 64);
  const back = form.get("back") === "library" ? "/library#wishlist" : `/library/wishlist/${releaseId}`;
  if (!viewer) redirect(`/library/wishlist/${releaseId}`);
  await setWishlisted(db, viewer.email, releaseId, form.get("saved") === "true");
  redirect(back);
}

export type ExportState = { ok: boolean; message: string } | null;

/** "Download my whole collection": a queued job prepares it and mails the links. */
export async function collectionExportAction(_prev: ExportState, form: FormData): Promise<ExportState> {
  const [t, locale, viewer] = await Promise.all([getTranslations("collection.export"), getLocale(), libraryViewer()]);
  if (!viewer) redirect("/library");
  const result = await requestCollectionExport(db, {
    email: viewer.email,
    format: String(form.get("format") ?? "").slice(0, 20),
    locale: isLocale(locale) ? locale : "en",
  });
  if (result.ok) {
    revalidatePath("/library");
    return { ok: true, message: t("started") };
  }
  const reason = { invalid_format: "invalidFormat", empty: "empty", running: "running" } as const;
  return { ok: false, message: t(reason[result.reason]) };
}

export type PublicPageState =
  | { ok: true; message: string }
  | {
      ok: false;
      fieldErrors: Partial<Record<"displayName" | "slug", string>>;
      values: { public: boolean; displayName: string; slug: string };
    }
  | null;

/** The public collection page: on or off, with its name and address (unique across fans). */
export async function publicPageAction(_prev: PublicPageState, form: FormData): Promise<PublicPageState> {
  const [t, viewer] = await Promise.all([getTranslations("collection.public"), libraryViewer()]);
  if (!viewer) redirect("/library");
  const values = {
    public: form.get("public") === "on",
    displayName: String(form.get("displayName") ?? "").slice(0, 200),
    slug: String(form.get("slug") ?? "").slice(0, 100),
  };
  const result = await setPublicCollection(db, viewer.email, values);
  if (result.ok) {
    revalidatePath("/library");
    return { ok: true, message: t("saved") };
  }
  const message = (error: PublicPageError | undefined) => (error ? t(`errors.${error}`) : undefined);
  return {
    ok: false,
    fieldErrors: { displayName: message(result.fieldErrors.displayName), slug: message(result.fieldErrors.slug) },
    values,
  };
}
