"use client";

import { useTranslations } from "next-intl";
import { useActionState } from "react";
import { control, Field, FieldNotes, TextArea } from "@/components/ui/field";
import { Notice } from "@/components/ui/notice";
import { SubmitButton } from "@/components/ui/submit-button";
import type { ReportState } from "./actions";

const REASONS = ["copyright", "abuse", "fraud", "other"] as const;

/** Reason, message and an optional address; what the fan typed survives an error. */
export function ReportForm({
  action,
  shop,
  release,
  messageMax,
}: {
  action: (state: ReportState, form: FormData) => Promise<ReportState>;
  shop: string;
  release: string;
  messageMax: number;
}) {
  const t = useTranslations("moderation.report");
  const [state, formAction] = useActionState(action, null);
  const values = state?.values ?? { reason: "", message: "", email: "" };
  const errors = state?.fieldErrors ?? {};
  return (
    <form action={formAction} className="space-y-5" noValidate data-testid="report-form">
      <input type="hidden" name="shop" value={shop} />
      <input type="hidden" name="release" value={release} />
      {/* The honeypot: hidden from people and from screen readers, filled in by robots. */}
      <div aria-hidden className="absolute -left-[9999px] h-px w-px overflow-hidden">
        <label htmlFor="website">Website</label>
        <input id="website" name="website" type="text" tabIndex={-1} autoComplete="off" />
      </div>
      {state?.error && <Notice tone="error">{state.error}</Notice>}
      <div>
        <label htmlFor="reason" className="mb-1 block text-sm font-medium">
          {t("reason")}
        </label>
        <select
          id="reason"
          name="reason"
          defaultValue={values.reason}
          aria-invalid={errors.reason ? true : undefined}
          aria-describedby={errors.reason ? "reason-error" : undefined}
          className={control}
          key={`reason-${values.reason}`}
        >
          <option value="" disabled>
            —
          </option>
          {REASONS.map((reason) => (
            <option key={reason} value={reason}>
              {t(`reasons.${reason}`)}
            </option>
          ))}
        </select>
        <FieldNotes errorId={errors.reason ? "reason-error" : undefined} error={errors.reason} />
      </div>
      <TextArea
        label={t("message")}
        name="message"
        rows={6}
        maxLength={messageMax}
        hint={t("messageHint")}
        defaultValue={values.message}
        error={errors.message}
        required
      />
      <Field
        label={t("email")}
        name="email"
        type="email"
        autoComplete="email"
        hint={t("emailHint")}
        defaultValue={values.email}
        error={errors.email}
      />
      <SubmitButton>{t("submit")}</SubmitButton>
    </form>
  );
}
