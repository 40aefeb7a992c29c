"use server";

import { AuthError, CredentialsSignin } from "next-auth";
import { getLocale } from "next-intl/server";
import { headers } from "next/headers";
import { z } from "zod";
import { db } from "@/db";
import { signIn } from "@/lib/auth";
import { createPasswordReset, registerUser, resetPassword, signInLimits } from "@/lib/auth/accounts";
import { clientIp } from "@/lib/auth/client-ip";
import { MIN_PASSWORD_LENGTH } from "@/lib/auth/password";
import { renderEmail, sendEmail } from "@/lib/email";
import { env } from "@/lib/env";
import { translator } from "@/lib/i18n";
import { hit } from "@/lib/rate-limit";

export type AuthFormState =
  | { ok: true; message?: string }
  | { ok: false; error?: string; fieldErrors?: Record<string, string>; values?: Record<string, string> }
  | null;

/** Only same-site paths: an open redirect after sign-in is a phishing tool. */
function safeCallback(value: FormDataEntryValue | null, fallback = "/dashboard") {
  const path = typeof value === "string" ? value : "";
  return path.startsWith("/") && !path.startsWith("//") && !path.startsWith("/\\") ? path : fallback;
}

const str = (form: FormData, key: string) => String(form.get(key) ?? "");

async function t() {
  return translator(await getLocale()).t;
}

export async function signInAction(_prev: AuthFormState, form: FormData): Promise<AuthFormState> {
  const email = str(form, "email").trim();
  const tr = await t();
  try {
    await signIn("credentials", {
      email,
      password: str(form, "password"),
      redirectTo: safeCallback(form.get("callbackUrl")),
    });
    return { ok: true };
  } catch (error) {
    if (error instanceof CredentialsSignin) {
      const message =
        error.code === "rate_limited"
          ? tr("auth.signin.rateLimited", { minutes: Math.ceil(signInLimits.perAccount.windowSeconds / 60) })
          : tr("auth.signin.invalid");
      return { ok: false, error: message, values: { email } };
    }
    if (error instanceof AuthError) return { ok: false, error: tr("auth.signin.genericError"), values: { email } };
    throw error;
  }
}

const MAGIC_LINK_LIMIT = { max: 5, windowSeconds: 60 * 60 };

export async function magicLinkAction(_prev: AuthFormState, form: FormData): Promise<AuthFormState> {
  const tr = await t();
  const parsed = z.email().safeParse(str(form, "email").trim().toLowerCase());
  if (!parsed.success)
    return { ok: false, fieldErrors: { email: tr("errors.email_invalid") }, values: { email: str(form, "email") } };
  const ip = clientIp(await headers());
  for (const key of [`magic:email:${parsed.data}`, `magic:ip:${ip}`]) {
    const state = await hit(db, key, MAGIC_LINK_LIMIT);
    if (!state.allowed) {
      return {
        ok: false,
        error: tr("auth.signin.rateLimited", { minutes: Math.ceil(state.retryAfterSeconds / 60) }),
        values: { email: parsed.data },
      };
    }
  }
  await signIn("email", { email: parsed.data, redirectTo: safeCallback(form.get("callbackUrl")) });
  return { ok: true };
}

const signUpSchema = z.object({
  name: z.string().trim().min(1, "nameRequired").max(100),
  email: z.email("emailInvalid"),
  password: z.string().min(MIN_PASSWORD_LENGTH, "passwordTooShort").max(200, "passwordTooLong"),
});

export async function signUpAction(_prev: AuthFormState, form: FormData): Promise<AuthFormState> {
  const tr = await t();
  const values = { name: str(form, "name"), email: str(form, "email").trim() };
  const parsed = signUpSchema.safeParse({ ...values, password: str(form, "password") });
  if (!parsed.success) {
    const fieldErrors: Record<string, string> = {};
    for (const issue of parsed.error.issues) {
      fieldErrors[String(issue.path[0])] ??= tr(`auth.signup.${issue.message as "nameRequired"}`, {
        min: MIN_PASSWORD_LENGTH,
      });
    }
    return { ok: false, fieldErrors, values };
  }
  const result = await registerUser(db, { ...parsed.data, locale: await getLocale() });
  if (!result.ok) return { ok: false, fieldErrors: { email: tr("auth.signup.emailTaken") }, values };
  await signIn("credentials", { email: parsed.data.email, password: parsed.data.password, redirectTo: "/onboarding" });
  return { ok: true };
}

const RESET_LIMIT = { max: 5, windowSeconds: 60 * 60 };

export async function forgotPasswordAction(_prev: AuthFormState, form: FormData): Promise<AuthFormState> {
  const locale = await getLocale();
  const { t: tr } = translator(locale);
  const parsed = z.email().safeParse(str(form, "email").trim().toLowerCase());
  if (!parsed.success)
    return { ok: false, fieldErrors: { email: tr("errors.email_invalid") }, values: { email: str(form, "email") } };
  const email = parsed.data;
  const ip = clientIp(await headers());
  const allowed =
    (await hit(db, `reset:email:${email}`, RESET_LIMIT)).allowed &&
    (await hit(db, `reset:ip:${ip}`, { max: 20, windowSeconds: 3600 })).allowed;
  // Same answer whether or not the account exists, and whether or not we were throttled.
  if (allowed) {
    const reset = await createPasswordReset(db, email);
    if (reset) {
      const url = `${env().APP_URL}/reset-password?token=${encodeURIComponent(reset.token)}`;
      await sendEmail(
        db,
        renderEmail({
          to: reset.user.email,
          subject: tr("email.reset.subject"),
          intro: tr("email.reset.intro"),
          action: { label: tr("email.reset.action"), url },
          outro: tr("email.reset.outro"),
        }),
      );
    }
  }
  return { ok: true, message: tr("auth.forgot.sent", { email }) };
}

export async function resetPasswordAction(_prev: AuthFormState, form: FormData): Promise<AuthFormState> {
  const tr = await t();
  const password = str(form, "password");
  if (password.length < MIN_PASSWORD_LENGTH) {
    return { ok: false, fieldErrors: { password: tr("auth.signup.passwordTooShort", { min: MIN_PASSWORD_LENGTH }) } };
  }
  if (password.length > 200) return { ok: false, fieldErrors: { password: tr("auth.signup.passwordTooLong") } };
  const result = await resetPassword(db, str(form, "token"), password);
  if (!result.ok) return { ok: false, error: tr("auth.reset.invalid") };
  return { ok: true, message: tr("auth.reset.done") };
}
