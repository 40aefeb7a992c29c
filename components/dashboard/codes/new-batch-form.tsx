"use client";

import { useTranslations } from "next-intl";
import { useActionState } from "react";
import { Field, selectClass } from "@/components/ui/field";
import { FormStatus } from "@/components/ui/form-status";
import { SubmitButton } from "@/components/ui/submit-button";

type State = null | { ok: true; message: string } | { ok: false; error: string };

export function NewBatchForm({
  action,
  artistId,
  releases,
}: {
  action: (state: State, form: FormData) => Promise<State>;
  artistId: string;
  releases: { id: string; title: string }[];
}) {
  const t = useTranslations("codes.new");
  const [state, formAction] = useActionState(action, null);
  return (
    <form action={formAction} className="grid gap-4 sm:grid-cols-2" data-testid="new-batch-form">
      <input type="hidden" name="artistId" value={artistId} />
      <div className="sm:col-span-2"></div>
      <div>
        <label htmlFor="releaseId" className="mb-1 block text-sm font-medium">
          {t("release")}
        </label>
        <select id="releaseId" name="releaseId" className={selectClass} required>
          {releases.map((r) => (
            <option key={r.id} value={r.id}>
              {r.title}
            </option>
          ))}
        </select>
      </div>
      <Field
        label={t("count")}
        name="count"
        type="number"
        min={1}
        max={10000}
        defaultValue={100}
        hint={t("countHint")}
        required
      />
      <Field label={t("label")} name="label" maxLength={120} hint={t("labelHint")} className="sm:col-span-2" />
      <div className="flex flex-wrap items-center gap-3 sm:col-span-2">
        <SubmitButton>{t("submit")}</SubmitButton>
        <FormStatus state={state} testId="batch-status" />
      </div>
    </form>
  );
}
