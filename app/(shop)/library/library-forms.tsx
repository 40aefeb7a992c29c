"use client";

import { useTranslations } from "next-intl";
import { useActionState } from "react";
import { Field } from "@/components/ui/field";
import { Notice } from "@/components/ui/notice";
import { SubmitButton } from "@/components/ui/submit-button";
import { openLibraryAction, requestLibraryLinkAction } from "./actions";

/** `next`: where the emailed link brings the fan back to (lib/library safeLibraryNext). */
export function LibraryLinkForm({ next }: { next?: string }) {
  const t = useTranslations("downloads.library");
  const [state, action] = useActionState(requestLibraryLinkAction, null);
  if (state?.ok) {
    return (
      <div data-testid="library-link-sent">
        <Notice tone="success">{state.message}</Notice>
      </div>
    );
  }
  return (
    <form action={action} className="space-y-4" data-testid="library-link-form" noValidate>
      {state?.error && <Notice tone="error">{state.error}</Notice>}
      {next && <input type="hidden" name="next" value={next} />}
      <Field
        label={t("email")}
        name="email"
        type="email"
        autoComplete="email"
        required
        hint={t("emailHint")}
        defaultValue={state?.values.email}
        error={state?.fieldErrors?.email}
      />
      <SubmitButton className="w-full">{t("submit")}</SubmitButton>
    </form>
  );
}

export function OpenLibraryForm({ token, next }: { token: string; next?: string | null }) {
  const t = useTranslations("downloads.library.confirm");
  const [state, action] = useActionState(openLibraryAction, null);
  if (state) {
    return (
      <div className="space-y-6">
        <Notice tone="error">{t(state.reason)}</Notice>
        <LibraryLinkForm />
      </div>
    );
  }
  return (
    <form action={action} className="space-y-4" data-testid="library-open-form">
      <input type="hidden" name="token" value={token} />
      {next && <input type="hidden" name="next" value={next} />}
      <SubmitButton className="w-full">{t("action")}</SubmitButton>
    </form>
  );
}
