"use server";

import { revalidatePath } from "next/cache";
import { getTranslations } from "next-intl/server";
import { db } from "@/db";
import { requireArtistMember } from "@/lib/artists/guard";
import { createCodeBatch } from "@/lib/codes";

export type BatchFormState = null | { ok: true; message: string } | { ok: false; error: string };

const str = (form: FormData, key: string) => String(form.get(key) ?? "");

/** Public POST endpoint: the band is the checked membership's, the release must be that band's (lib/codes checks). */
export async function createBatchAction(_prev: BatchFormState, form: FormData): Promise<BatchFormState> {
  const { user, artist } = await requireArtistMember({ id: str(form, "artistId") });
  const t = await getTranslations("codes.new");
  const count = Number(str(form, "count").trim());
  const result = await createCodeBatch(db, { artistId: artist.id, releaseId: str(form, "releaseId"), count, label: str(form, "label"), createdBy: user.id });
  if (!result.ok) return { ok: false, error: t(`errors.${result.error}`) };
  revalidatePath(`/dashboard/${artist.slug}/codes`);
  return { ok: true, message: t("created", { count: result.batch.count }) };
}
