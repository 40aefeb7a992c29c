"use client";

import { useActionState } from "react";
import { useTranslations } from "next-intl";
import { Field } from "@/components/ui/field";
import { Notice } from "@/components/ui/notice";
import { SubmitButton } from "@/components/ui/submit-button";
import type { BatchFormState } from "../actions";

export function RenameBatchForm({
  action,
  artistId,
  batchId,
  label,
  maxLength,
}: {
  action: (state: BatchFormState, form: FormData) => Promise<BatchFormState>;
  artistId: string;
  batchId: string;
  label: string;
  maxLength: number;
}) {
  const t = useTranslations("codes.batch");
  const [state, formAction] = useActionState(action, null);
  return (
    <form action={formAction} className="space-y-4" data-testid="rename-batch-form">
      <input type="hidden" name="artistId" value={artistId} />
      <input type="hidden" name="batchId" value={batchId} />
      {state?.ok && <Notice tone="success">{state.message}</Notice>}
      <Field label={t("label")} name="label" defaultValue={label} maxLength={maxLength} hint={t("labelHint")} error={state && !state.ok ? state.error : null} />
      <SubmitButton>{t("save")}</SubmitButton>
    </form>
  );
}
