"use client";

import { useTranslations } from "next-intl";
import { useActionState } from "react";
import { control, Field } from "@/components/ui/field";
import { Notice } from "@/components/ui/notice";
import { SubmitButton } from "@/components/ui/submit-button";
import { collectionExportAction, publicPageAction } from "./collection-actions";

export function CollectionExportForm({ formats }: { formats: { id: string; label: string }[] }) {
  const t = useTranslations("collection.export");
  const [state, action] = useActionState(collectionExportAction, null);
  return (
    <form action={action} className="mt-4 space-y-3" data-testid="collection-export-form">
      {state && (
        <div data-testid="collection-export-result">
          <Notice tone={state.ok ? "success" : "error"}>{state.message}</Notice>
        </div>
      )}
      <div className="flex flex-wrap items-end gap-3">
        <div>
          <label htmlFor="export-format" className="mb-1 block text-sm font-medium">
            {t("format")}
          </label>
          <select
            id="export-format"
            name="format"
            defaultValue="flac"
            className={control}
            aria-describedby="export-format-hint"
          >
            {formats.map((format) => (
              <option key={format.id} value={format.id}>
                {format.label}
              </option>
            ))}
          </select>
        </div>
        <SubmitButton>{t("submit")}</SubmitButton>
      </div>
      <p id="export-format-hint" className="text-xs text-muted">
        {t("formatHint")}
      </p>
    </form>
  );
}

export function PublicPageForm({
  base,
  initial,
}: {
  base: string;
  initial: { public: boolean; displayName: string; slug: string };
}) {
  const t = useTranslations("collection.public");
  const [state, action] = useActionState(publicPageAction, null);
  const values = state && !state.ok ? state.values : initial;
  const errors = state && !state.ok ? state.fieldErrors : {};
  return (
    <form action={action} className="mt-4 space-y-4" data-testid="public-page-form" noValidate>
      {state?.ok && <Notice tone="success">{state.message}</Notice>}
      <label className="flex items-center gap-2 text-sm font-medium">
        <input type="checkbox" name="public" defaultChecked={values.public} className="size-4" />
        {t("toggle")}
      </label>
      <Field
        label={t("displayName")}
        name="displayName"
        defaultValue={values.displayName}
        maxLength={60}
        error={errors.displayName}
      />
      <Field
        label={t("slug")}
        name="slug"
        defaultValue={values.slug}
        maxLength={40}
        hint={t("slugHint", { base })}
        error={errors.slug}
      />
      <SubmitButton variant="secondary">{t("save")}</SubmitButton>
    </form>
  );
}
