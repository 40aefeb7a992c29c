"use server";

import { getLocale, getTranslations } from "next-intl/server";
import { headers } from "next/headers";
import { redirect } from "next/navigation";
import { after } from "next/server";
import { db } from "@/db";
import { clientIp } from "@/lib/auth/client-ip";
import { deliverSoon } from "@/lib/email";
import { redeemLibraryLink, requestLibraryLink, safeLibraryNext } from "@/lib/library";
import { closeLibrarySession, openLibrarySession } from "./library-session";

export type LibraryFormState =
  | { ok: true; message: string }
  | { ok: false; error?: string; fieldErrors?: { email?: string }; values: { email: string } }
  | null;

/** The same answer for an address with purchases and one without: the form reveals nothing. */
export async function requestLibraryLinkAction(_prev: LibraryFormState, form: FormData): Promise<LibraryFormState> {
  const t = await getTranslations("downloads.library");
  const email = String(form.get("email") ?? "").slice(0, 400);
  const result = await requestLibraryLink(db, {
    email,
    ip: clientIp(await headers()),
    locale: await getLocale(),
    next: safeLibraryNext(String(form.get("next") ?? "")),
  });
  if (!result.ok && result.reason === "invalid_email")
    return { ok: false, fieldErrors: { email: t("invalidEmail") }, values: { email } };
  if (!result.ok)
    return {
      ok: false,
      error: t("rateLimited", { minutes: Math.ceil(result.retryAfterSeconds / 60) }),
      values: { email },
    };
  // Sent after the answer, so how long the answer takes says nothing either.
  after(() => deliverSoon(db));
  return { ok: true, message: t("sent", { email: result.email }) };
}

export type OpenLibraryState = { ok: false; reason: "used" | "expired" | "unknown" } | null;

/** Spends the emailed link (a button press, so mail scanners that fetch links do not burn it). */
export async function openLibraryAction(_prev: OpenLibraryState, form: FormData): Promise<OpenLibraryState> {
  const result = await redeemLibraryLink(db, String(form.get("token") ?? ""));
  if (!result.ok) return { ok: false, reason: result.reason };
  await openLibrarySession(result.email);
  redirect(safeLibraryNext(String(form.get("next") ?? "")) ?? "/library");
}

export async function signOutOfLibraryAction() {
  await closeLibrarySession();
  redirect("/library");
}
