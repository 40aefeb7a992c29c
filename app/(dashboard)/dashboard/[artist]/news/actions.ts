"use server";

import { getLocale, getTranslations } from "next-intl/server";
import { revalidatePath } from "next/cache";
import { redirect } from "next/navigation";
import { db } from "@/db";
import { requireArtistMember } from "@/lib/artists/guard";
import { createPost, publishPost, sendTestPost, storePostImage, updatePost, type SavePostResult } from "@/lib/news";

export type PostFormState =
  | null
  | { ok: true; message: string }
  | { ok: false; error?: string; fieldErrors?: Record<string, string>; values?: Record<string, string> };
export type PostButtonState = null | { ok: boolean; message: string };
export type ImageState = null | { ok: true; line: string; message: string } | { ok: false; message: string };

const str = (form: FormData, key: string) => String(form.get(key) ?? "");
const FIELDS = ["title", "body", "releaseId", "audience"] as const;

/** Field errors in the member's language; the form gets back what was typed (React resets it). */
async function refusal(result: Exclude<SavePostResult, { ok: true }>, form: FormData): Promise<PostFormState> {
  const t = await getTranslations("newsDesk.errors");
  const values = Object.fromEntries(FIELDS.map((f) => [f, str(form, f)]));
  if (result.error === "not_found") return { ok: false, error: t("not_found"), values };
  return {
    ok: false,
    values,
    fieldErrors: Object.fromEntries(
      Object.entries(result.fieldErrors).map(([field, key]) => [
        field,
        t(key as "invalid", { url: result.badUrl ?? "" }),
      ]),
    ),
  };
}

const raw = (form: FormData) => Object.fromEntries(FIELDS.map((f) => [f, str(form, f)]));

/** Every action is a public POST: the band is the checked membership's, and lib/news scopes each write by it. */
export async function createPostAction(_prev: PostFormState, form: FormData): Promise<PostFormState> {
  const { artist, user } = await requireArtistMember({ id: str(form, "artistId") });
  const result = await createPost(db, artist.id, user.id, raw(form));
  if (!result.ok) return refusal(result, form);
  redirect(`/dashboard/${artist.slug}/news/${result.post.id}`);
}

export async function savePostAction(_prev: PostFormState, form: FormData): Promise<PostFormState> {
  const { artist } = await requireArtistMember({ id: str(form, "artistId") });
  const result = await updatePost(db, artist.id, str(form, "postId"), raw(form));
  if (!result.ok) return refusal(result, form);
  revalidatePath(`/dashboard/${artist.slug}/news`, "layout");
  return { ok: true, message: (await getTranslations("newsDesk"))("saved") };
}

export async function uploadPostImageAction(_prev: ImageState, form: FormData): Promise<ImageState> {
  const { artist } = await requireArtistMember({ id: str(form, "artistId") });
  const t = await getTranslations("newsDesk");
  const file = form.get("image");
  const bytes = file instanceof File ? Buffer.from(await file.arrayBuffer()) : Buffer.alloc(0);
  const stored = await storePostImage(artist.id, bytes);
  if (!stored.ok) {
    const { ok: _ok, reason, ...details } = stored;
    return { ok: false, message: t(`errors.image_${reason}` as "errors.image_empty", details as never) };
  }
  const alt = str(form, "alt")
    .replace(/[\]\n\r]/g, " ")
    .trim()
    .slice(0, 300);
  return { ok: true, line: `![${alt}](${stored.src})`, message: t("image.added") };
}

export async function sendTestAction(_prev: PostButtonState, form: FormData): Promise<PostButtonState> {
  const { artist, user } = await requireArtistMember({ id: str(form, "artistId") });
  const t = await getTranslations("newsDesk");
  // The member reads the test in the dashboard's language.
  const result = await sendTestPost(
    db,
    artist.id,
    str(form, "postId"),
    { id: user.id, email: user.email },
    await getLocale(),
  );
  if (result.ok) return { ok: true, message: t("test.sent", { email: result.to }) };
  if (result.error === "rate_limited")
    return { ok: false, message: t("errors.rate_limited", { minutes: Math.ceil(result.retryAfterSeconds / 60) }) };
  return { ok: false, message: t("errors.not_found") };
}

export async function publishPostAction(_prev: PostButtonState, form: FormData): Promise<PostButtonState> {
  const { artist } = await requireArtistMember({ id: str(form, "artistId") });
  const t = await getTranslations("newsDesk");
  const result = await publishPost(db, artist.id, str(form, "postId"));
  if (!result.ok) return { ok: false, message: t(`errors.${result.error}`) };
  revalidatePath(`/dashboard/${artist.slug}/news`, "layout");
  redirect(`/dashboard/${artist.slug}/news/${result.post.id}?sent=${result.recipients}`);
}
