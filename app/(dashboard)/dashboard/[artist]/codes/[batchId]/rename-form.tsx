"use client";

import { useTranslations } from "next-intl";
import { useActionState } from "react";
import type { BatchFormState } from "@/app/(dashboard)/dashboard/[artist]/codes/actions";
import { Field } from "@/components/ui/field";
import { FormStatus } from "@/components/ui/form-status";
import { SubmitButton } from "@/components/ui/submit-button";

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
      <Field
        label={t("label")}
        name="label"
        defaultValue={label}
        maxLength={maxLength}
        hint={t("labelHint")}
        error={state && !state.ok ? state.error : null}
      />
      <div className="flex flex-wrap items-center gap-3">
        <SubmitButton>{t("save")}</SubmitButton>
        {/* Its error is the field's own, shown under the field. */}
        <FormStatus state={state?.ok ? state : null} testId="rename-status" />
      </div>
    </form>
  );
}
