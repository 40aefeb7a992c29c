"use server";

import { getTranslations } from "next-intl/server";
import { revalidatePath } from "next/cache";
import { notFound, redirect } from "next/navigation";
import { db } from "@/db";
import { requireArtistMember } from "@/lib/artists/guard";
import { createCodeBatch, deleteCodeBatch, renameCodeBatch } from "@/lib/codes";

export type BatchFormState = null | { ok: true; message: string } | { ok: false; error: string };

const str = (form: FormData, key: string) => String(form.get(key) ?? "");

/** Public POST endpoint: the band is the checked membership's, the release must be that band's (lib/codes checks). */
export async function createBatchAction(_prev: BatchFormState, form: FormData): Promise<BatchFormState> {
  const { user, artist } = await requireArtistMember({ id: str(form, "artistId") });
  const t = await getTranslations("codes.new");
  const count = Number(str(form, "count").trim());
  const result = await createCodeBatch(db, {
    artistId: artist.id,
    releaseId: str(form, "releaseId"),
    count,
    label: str(form, "label"),
    createdBy: user.id,
  });
  if (!result.ok) return { ok: false, error: t(`errors.${result.error}`) };
  revalidatePath(`/dashboard/${artist.slug}/codes`);
  return { ok: true, message: t("created", { count: result.batch.count }) };
}

/** Another band's batch id (or one already deleted) is not found: lib/codes scopes the update to the checked band. */
export async function renameBatchAction(_prev: BatchFormState, form: FormData): Promise<BatchFormState> {
  const { artist } = await requireArtistMember({ id: str(form, "artistId") });
  const t = await getTranslations("codes.batch");
  const result = await renameCodeBatch(db, {
    artistId: artist.id,
    batchId: str(form, "batchId"),
    label: str(form, "label"),
  });
  if (!result.ok) return { ok: false, error: t(`errors.${result.error}`) };
  revalidatePath(`/dashboard/${artist.slug}/codes`, "layout");
  return { ok: true, message: t("renamed") };
}

/** Behind the confirmation dialog; the same 404 as any unknown batch when it is not this band's. */
export async function deleteBatchAction(form: FormData) {
  const { user, artist } = await requireArtistMember({ id: str(form, "artistId") });
  const result = await deleteCodeBatch(db, { artistId: artist.id, batchId: str(form, "batchId"), deletedBy: user.id });
  if (!result.ok) notFound();
  revalidatePath(`/dashboard/${artist.slug}/codes`, "layout");
  redirect(`/dashboard/${artist.slug}/codes?deleted=${result.unused}`);
}
