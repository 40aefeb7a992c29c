"use client";

import { useTranslations } from "next-intl";
import Link from "next/link";
import { useActionState } from "react";
import { Field } from "@/components/ui/field";
import { Notice } from "@/components/ui/notice";
import { SubmitButton } from "@/components/ui/submit-button";
import {
  forgotPasswordAction,
  magicLinkAction,
  resetPasswordAction,
  signInAction,
  signUpAction,
  type AuthFormState,
} from "./actions";

const MIN_PASSWORD = 8;

function failure(state: AuthFormState) {
  return state && !state.ok ? state : null;
}

export function PasswordSignInForm({ callbackUrl }: { callbackUrl: string }) {
  const t = useTranslations("auth");
  const [state, action] = useActionState(signInAction, null);
  const failed = failure(state);
  return (
    <form action={action} className="space-y-4" data-testid="password-signin">
      <input type="hidden" name="callbackUrl" value={callbackUrl} />
      {failed?.error && <Notice tone="error">{failed.error}</Notice>}
      <Field
        label={t("email")}
        name="email"
        type="email"
        autoComplete="email"
        required
        defaultValue={failed?.values?.email}
      />
      <Field label={t("password")} name="password" type="password" autoComplete="current-password" required />
      <div className="flex items-center justify-between">
        <SubmitButton>{t("signin.submit")}</SubmitButton>
        <Link href="/forgot-password" className="text-sm underline underline-offset-2">
          {t("signin.forgot")}
        </Link>
      </div>
    </form>
  );
}

export function MagicLinkForm({ callbackUrl }: { callbackUrl: string }) {
  const t = useTranslations("auth");
  const [state, action] = useActionState(magicLinkAction, null);
  const failed = failure(state);
  return (
    <form action={action} className="space-y-4" data-testid="magic-link">
      <input type="hidden" name="callbackUrl" value={callbackUrl} />
      <p className="text-sm text-muted">{t("signin.magicHint")}</p>
      {failed?.error && <Notice tone="error">{failed.error}</Notice>}
      <Field
        label={t("email")}
        name="email"
        id="magic-email"
        type="email"
        autoComplete="email"
        required
        defaultValue={failed?.values?.email}
        error={failed?.fieldErrors?.email}
      />
      <SubmitButton variant="secondary">{t("signin.magicSubmit")}</SubmitButton>
    </form>
  );
}

export function SignUpForm() {
  const t = useTranslations("auth");
  const [state, action] = useActionState(signUpAction, null);
  const failed = failure(state);
  return (
    <form action={action} className="space-y-4" data-testid="signup">
      {failed?.error && <Notice tone="error">{failed.error}</Notice>}
      <Field
        label={t("name")}
        name="name"
        autoComplete="name"
        required
        defaultValue={failed?.values?.name}
        error={failed?.fieldErrors?.name}
      />
      <Field
        label={t("email")}
        name="email"
        type="email"
        autoComplete="email"
        required
        defaultValue={failed?.values?.email}
        error={failed?.fieldErrors?.email}
      />
      <Field
        label={t("password")}
        name="password"
        type="password"
        autoComplete="new-password"
        required
        minLength={MIN_PASSWORD}
        hint={t("signup.passwordHint", { min: MIN_PASSWORD })}
        error={failed?.fieldErrors?.password}
      />
      <SubmitButton className="w-full">{t("signup.submit")}</SubmitButton>
    </form>
  );
}

export function ForgotPasswordForm() {
  const t = useTranslations("auth");
  const [state, action] = useActionState(forgotPasswordAction, null);
  if (state?.ok) return <Notice tone="success">{state.message}</Notice>;
  const failed = failure(state);
  return (
    <form action={action} className="space-y-4">
      <Field
        label={t("email")}
        name="email"
        type="email"
        autoComplete="email"
        required
        defaultValue={failed?.values?.email}
        error={failed?.fieldErrors?.email}
      />
      <SubmitButton>{t("forgot.submit")}</SubmitButton>
    </form>
  );
}

export function ResetPasswordForm({ token }: { token: string }) {
  const t = useTranslations("auth");
  const [state, action] = useActionState(resetPasswordAction, null);
  if (state?.ok) {
    return (
      <div className="space-y-4">
        <Notice tone="success">{state.message}</Notice>
        <Link href="/signin" className="inline-block rounded-md bg-ink px-4 py-2 text-sm font-medium text-white">
          {t("signin.submit")}
        </Link>
      </div>
    );
  }
  const failed = failure(state);
  return (
    <form action={action} className="space-y-4">
      <input type="hidden" name="token" value={token} />
      {failed?.error && <Notice tone="error">{failed.error}</Notice>}
      <Field
        label={t("password")}
        name="password"
        type="password"
        autoComplete="new-password"
        required
        minLength={MIN_PASSWORD}
        error={failed?.fieldErrors?.password}
      />
      <SubmitButton>{t("reset.submit")}</SubmitButton>
    </form>
  );
}
