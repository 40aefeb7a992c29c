"use client";

import { useTranslations } from "next-intl";
import { useActionState } from "react";
import { Field } from "@/components/ui/field";
import { Notice } from "@/components/ui/notice";
import { SubmitButton } from "@/components/ui/submit-button";
import type { RedeemState } from "./actions";

/** The fan's code and email; on success the download link replaces the form (it is mailed too). */
export function RedeemForm({
  action,
  artistSlug,
  initialCode,
}: {
  action: (state: RedeemState, form: FormData) => Promise<RedeemState>;
  artistSlug: string | null;
  initialCode: string;
}) {
  const t = useTranslations("codes.redeem");
  const [state, formAction] = useActionState(action, null);
  if (state?.ok) {
    return (
      <div className="space-y-4" data-testid="redeem-done">
        <Notice tone="success">{state.message}</Notice>
        <a
          href={state.downloadUrl}
          className="inline-flex rounded-md bg-ink px-4 py-2 text-sm font-medium text-white hover:bg-stone-700"
          data-testid="redeem-download"
        >
          {t("download")}
        </a>
        <p className="text-sm text-muted">{t("mailed")}</p>
      </div>
    );
  }
  return (
    <form action={formAction} className="space-y-4" noValidate data-testid="redeem-form">
      {artistSlug && <input type="hidden" name="artist" value={artistSlug} />}
      {state && !state.ok && !state.field && <Notice tone="error">{state.error}</Notice>}
      <Field
        label={t("code")}
        name="code"
        defaultValue={state && !state.ok ? state.values.code : initialCode}
        hint={t("codeHint")}
        error={state && !state.ok && state.field === "code" ? state.error : null}
        autoComplete="off"
        autoCapitalize="characters"
        spellCheck={false}
        required
      />
      <Field
        label={t("email")}
        name="email"
        type="email"
        autoComplete="email"
        defaultValue={state && !state.ok ? state.values.email : ""}
        error={state && !state.ok && state.field === "email" ? state.error : null}
        required
      />
      <label className="flex items-center gap-2 text-sm">
        <input type="checkbox" name="subscribe" className="h-4 w-4" />
        {t("subscribe")}
      </label>
      <SubmitButton>{t("submit")}</SubmitButton>
    </form>
  );
}
