"use server";

import { getLocale, getTranslations } from "next-intl/server";
import { headers } from "next/headers";
import { redirect } from "next/navigation";
import { after } from "next/server";
import { libraryViewer } from "@/app/(shop)/library/library-session";
import { db } from "@/db";
import { clientIp } from "@/lib/auth/client-ip";
import { deliverSoon } from "@/lib/email";
import { CONFIRM_TTL_DAYS, followAsFan, followSource, followWithEmail, unfollow } from "@/lib/follows";
import { localePath } from "@/lib/i18n";
import { pageLocale } from "@/lib/i18n/locale-href";

export type FollowFormState =
  { ok: true; message: string } | { ok: false; error?: string; fieldError?: string; email: string } | null;

/** An e-mail-only follow: the same answer whether the address follows already or not. */
export async function followByEmailAction(_prev: FollowFormState, form: FormData): Promise<FollowFormState> {
  const t = await getTranslations("follows.page");
  const email = String(form.get("email") ?? "").slice(0, 400);
  const result = await followWithEmail(db, {
    artistId: String(form.get("artistId") ?? ""),
    email,
    ip: clientIp(await headers()),
    locale: await getLocale(),
    source: followSource(form.get("from")),
  });
  if (result.ok) {
    // Sent after the answer, so how long the answer takes says nothing either.
    after(() => deliverSoon(db));
    return { ok: true, message: t("sent", { email: result.email, days: CONFIRM_TTL_DAYS }) };
  }
  if (result.reason === "invalid_email") return { ok: false, fieldError: t("invalidEmail"), email };
  if (result.reason === "rate_limited")
    return { ok: false, error: t("rateLimited", { minutes: Math.ceil(result.retryAfterSeconds / 60) }), email };
  return { ok: false, error: (await getTranslations("moderation.unavailable"))("title"), email };
}

/** A fan signed in to the library follows (or stops) in one click: the address is already proven. */
export async function followAsFanAction(form: FormData) {
  const viewer = await libraryViewer();
  const slug = String(form.get("slug") ?? "");
  // Only a slug's characters: the address redirected to stays on this site.
  if (!/^[a-z0-9-]{1,80}$/.test(slug)) redirect("/");
  const back = async (done: string) => `${localePath(await pageLocale(), `/${slug}/follow`)}?done=${done}`;
  if (!viewer) redirect(await back("signin"));
  const artistId = String(form.get("artistId") ?? "");
  if (form.get("intent") === "unfollow") {
    await unfollow(db, { artistId, email: viewer.email });
    redirect(await back("unfollowed"));
  }
  const result = await followAsFan(db, {
    artistId,
    email: viewer.email,
    source: followSource(form.get("from")),
    locale: await getLocale(),
  });
  redirect(await back(result.ok ? "followed" : "failed"));
}
