"use client";

import { useTranslations } from "next-intl";
import { useActionState, useState } from "react";
import { PricingFields } from "@/components/dashboard/selling/pricing-fields";
import { Field, selectClass, TextArea } from "@/components/ui/field";
import { FormStatus } from "@/components/ui/form-status";
import { SubmitButton } from "@/components/ui/submit-button";
import type { EditableTrack } from "./editable-track";

type State =
  | null
  | { ok: true; message?: string }
  | { ok: false; error?: string; fieldErrors?: Record<string, string>; values?: Record<string, string> };

/** Inline form for one track: title, lyrics, ISRC, how fans may listen, whether it sells on its own. */
export function TrackEditor({
  track,
  action,
}: {
  track: EditableTrack;
  action: (state: State, form: FormData) => Promise<State>;
}) {
  const t = useTranslations("catalog.track");
  const [state, formAction] = useActionState(action, null);
  const failed = state && !state.ok ? state : null;
  const errors = failed?.fieldErrors ?? {};
  const values = { ...track, clipSeconds: String(track.clipSeconds), ...(failed?.values ?? {}) };
  const [streaming, setStreaming] = useState<string>(values.streaming);
  const tp = useTranslations("selling.price");
  const pricing = track.pricing;
  const [soldAlone, setSoldAlone] = useState(
    failed?.values ? failed.values.soldAlone === "on" : Boolean(pricing?.soldAlone),
  );
  return (
    <form action={formAction} className="space-y-4 bg-stone-50 px-4 py-4" noValidate data-testid="track-editor">
      <input type="hidden" name="trackId" value={track.id} />
      <div className="grid gap-4 sm:grid-cols-2">
        <Field
          id={`title-${track.id}`}
          label={t("title")}
          name="title"
          defaultValue={values.title}
          maxLength={200}
          error={errors.title}
        />
        <Field
          id={`isrc-${track.id}`}
          label={t("isrc")}
          name="isrc"
          defaultValue={values.isrc}
          maxLength={20}
          hint={t("isrcHint")}
          error={errors.isrc}
        />
      </div>
      <div className="grid gap-4 sm:grid-cols-2">
        <div>
          <label htmlFor={`streaming-${track.id}`} className="mb-1 block text-sm font-medium">
            {t("streaming")}
          </label>
          <select
            id={`streaming-${track.id}`}
            name="streaming"
            value={streaming}
            onChange={(e) => setStreaming(e.target.value)}
            className={selectClass}
          >
            <option value="full">{t("streamingFull")}</option>
            <option value="clip">{t("streamingClip")}</option>
            <option value="off">{t("streamingOff")}</option>
          </select>
        </div>
        {streaming === "clip" ? (
          <Field
            id={`clip-${track.id}`}
            label={t("clipSeconds")}
            name="clipSeconds"
            type="number"
            min={5}
            max={600}
            defaultValue={values.clipSeconds}
            error={errors.clipSeconds}
          />
        ) : (
          <input type="hidden" name="clipSeconds" value={values.clipSeconds} />
        )}
      </div>
      {pricing && (
        <div className="space-y-3 rounded-md border border-line bg-white p-4">
          <input type="hidden" name="trackPricing" value="1" />
          <label className="flex items-start gap-2 text-sm">
            <input
              type="checkbox"
              name="soldAlone"
              checked={soldAlone}
              onChange={(e) => setSoldAlone(e.target.checked)}
              className="mt-0.5"
            />
            <span>
              <span className="font-medium">{tp("soldAlone")}</span>
              <span className="block text-xs text-muted">{tp("soldAloneHint")}</span>
            </span>
          </label>
          {soldAlone && (
            <PricingFields
              idPrefix={`track-${track.id}`}
              currency={pricing.currency}
              values={{
                pricingMode: failed?.values?.pricingMode ?? pricing.pricingMode,
                priceAmount: failed?.values?.priceAmount ?? pricing.priceAmount,
                priceMinimum: failed?.values?.priceMinimum ?? pricing.priceMinimum,
              }}
              errors={errors}
            />
          )}
        </div>
      )}
      <TextArea
        id={`lyrics-${track.id}`}
        label={t("lyrics")}
        name="lyrics"
        defaultValue={values.lyrics}
        rows={4}
        maxLength={20000}
        error={errors.lyrics}
      />
      <div className="flex flex-wrap items-center gap-3">
        <SubmitButton>{t("save")}</SubmitButton>
        <FormStatus state={state} testId="track-save-status" />
      </div>
    </form>
  );
}
