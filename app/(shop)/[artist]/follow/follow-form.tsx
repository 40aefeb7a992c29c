"use client";

import { useTranslations } from "next-intl";
import { useActionState } from "react";
import { Field } from "@/components/ui/field";
import { Notice } from "@/components/ui/notice";
import { SubmitButton } from "@/components/ui/submit-button";
import { followByEmailAction } from "./actions";

/** Follow with an e-mail only: the answer says "check your inbox", whoever the address is. */
export function FollowByEmailForm({ artistId, from }: { artistId: string; from: string }) {
  const t = useTranslations("follows.page");
  const [state, action] = useActionState(followByEmailAction, null);
  if (state?.ok) {
    return (
      <div data-testid="follow-sent">
        <Notice tone="success">{state.message}</Notice>
      </div>
    );
  }
  return (
    <form action={action} className="space-y-4" data-testid="follow-form" noValidate>
      <input type="hidden" name="artistId" value={artistId} />
      <input type="hidden" name="from" value={from} />
      {state?.error && <Notice tone="error">{state.error}</Notice>}
      <Field
        label={t("email")}
        name="email"
        type="email"
        autoComplete="email"
        required
        defaultValue={state?.email}
        error={state?.fieldError}
      />
      <SubmitButton className="w-full">{t("submit")}</SubmitButton>
    </form>
  );
}
