"use server";

import { getTranslations } from "next-intl/server";
import { revalidatePath } from "next/cache";
import { redirect } from "next/navigation";
import type { ProfileFormState } from "@/components/dashboard/artist-profile-form";
import { db } from "@/db";
import { createArtist, updateArtistProfile } from "@/lib/artists";
import { describeProfileErrors, readProfileForm } from "@/lib/artists/profile-form";
import { requireUser } from "@/lib/auth";
import { logger } from "@/lib/log";

export async function createArtistAction(_prev: ProfileFormState, form: FormData): Promise<ProfileFormState> {
  const user = await requireUser("/onboarding");
  const t = await getTranslations();
  const { fields, uploads } = await readProfileForm(form);
  const result = await createArtist(db, user.id, fields, uploads);
  if (!result.ok) {
    if (result.error !== "invalid") return { ok: false, error: t("errors.forbidden"), values: fields };
    return { ok: false, fieldErrors: describeProfileErrors(result, t, fields.slug), values: fields };
  }
  logger.info({ artistId: result.artist.id, userId: user.id }, "artist created");
  redirect(`/dashboard/${result.artist.slug}`);
}

export async function updateArtistAction(_prev: ProfileFormState, form: FormData): Promise<ProfileFormState> {
  const user = await requireUser();
  const t = await getTranslations();
  const artistId = String(form.get("artistId") ?? "");
  const { fields, uploads } = await readProfileForm(form);
  // updateArtistProfile checks membership itself: this action is a public endpoint.
  const result = await updateArtistProfile(db, user.id, artistId, fields, uploads);
  if (!result.ok) {
    if (result.error !== "invalid") return { ok: false, error: t("errors.forbidden"), values: fields };
    return { ok: false, fieldErrors: describeProfileErrors(result, t, fields.slug), values: fields };
  }
  revalidatePath(`/${result.artist.slug}`);
  if (result.artist.slug !== form.get("currentSlug")) redirect(`/dashboard/${result.artist.slug}/settings?saved=1`);
  return { ok: true, message: t("dashboard.settings.saved"), values: fields };
}
