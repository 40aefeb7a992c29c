"use server";

import { revalidatePath } from "next/cache";
import { cookies } from "next/headers";
import { signOut } from "@/lib/auth";
import { secureCookies } from "@/lib/http/secure-request";
import { isLocale, LOCALE_COOKIE } from "@/lib/i18n";

export async function setLocaleAction(locale: string) {
  if (!isLocale(locale)) return { ok: false as const, error: "unsupported_locale" };
  (await cookies()).set(LOCALE_COOKIE, locale, {
    path: "/",
    maxAge: 365 * 24 * 60 * 60,
    sameSite: "lax",
    secure: await secureCookies(),
  });
  revalidatePath("/", "layout");
  return { ok: true as const };
}

export async function signOutAction() {
  await signOut({ redirectTo: "/" });
}
