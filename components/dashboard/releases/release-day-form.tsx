"use client";

import { useActionState, useRef } from "react";
import { control } from "@/components/ui/field";
import { FormStatus } from "@/components/ui/form-status";
import { SubmitButton } from "@/components/ui/submit-button";

export type ReleaseDayState =
  | null
  | { ok: true; message: string }
  | { ok: false; error: string; values: { date: string; time: string; available: string[] } };

type Action = (state: ReleaseDayState, form: FormData) => Promise<ReleaseDayState>;

export type ReleaseDayLabels = {
  date: string;
  time: string;
  available: string;
  availableHelp: string;
  clearHint: string;
  save: string;
  releaseNow: string;
  releaseNowConfirm: string;
  cancel: string;
};

/** The editor's "Release day": moment on the band's clock, tracks available at once, Release now. */
export function ReleaseDayForm({
  releaseId,
  initial,
  tracks,
  preorder,
  locked,
  labels,
  schedule,
  releaseNow,
}: {
  releaseId: string;
  initial: { date: string; time: string };
  tracks: { id: string; title: string; position: number; available: boolean }[];
  preorder: boolean;
  /** Already out: nothing here can change. */
  locked: boolean;
  labels: ReleaseDayLabels;
  schedule: Action;
  releaseNow: Action;
}) {
  const [state, action] = useActionState(schedule, null);
  const [nowState, nowAction] = useActionState(releaseNow, null);
  const dialog = useRef<HTMLDialogElement>(null);
  const values = state && !state.ok ? state.values : null;
  const chosen = new Set(values?.available ?? tracks.filter((t) => t.available).map((t) => t.id));
  if (locked) return null;
  return (
    <div className="space-y-6">
      <form action={action} className="space-y-5" data-testid="release-day-form">
        <input type="hidden" name="releaseId" value={releaseId} />
        <div className="flex flex-wrap gap-4">
          <MomentInput name="releaseDate" type="date" label={labels.date} value={values?.date ?? initial.date} />
          <MomentInput name="releaseTime" type="time" label={labels.time} value={values?.time ?? initial.time} />
        </div>
        <p id="release-day-hint" className="text-sm text-muted">
          {labels.clearHint}
        </p>
        {tracks.length > 0 && (
          <fieldset>
            <legend className="text-sm font-medium">{labels.available}</legend>
            <p className="mb-2 text-sm text-muted">{labels.availableHelp}</p>
            <ul className="space-y-1">
              {tracks.map((track) => (
                <li key={track.id}>
                  <label className="inline-flex items-center gap-2 text-sm">
                    <input
                      type="checkbox"
                      name="available"
                      value={track.id}
                      defaultChecked={chosen.has(track.id)}
                      className="h-4 w-4"
                      data-testid="available-track"
                    />
                    {track.position}. {track.title}
                  </label>
                </li>
              ))}
            </ul>
          </fieldset>
        )}
        <div className="flex flex-wrap items-center gap-3">
          <SubmitButton>{labels.save}</SubmitButton>
          <FormStatus state={state} testId="release-day-status" />
        </div>
      </form>
      {preorder && (
        <div className="flex flex-wrap items-center gap-3 border-t border-line pt-5">
          <button
            type="button"
            onClick={() => dialog.current?.showModal()}
            className="rounded-md border border-stone-300 bg-white px-4 py-2 text-sm font-medium hover:bg-stone-50"
            data-testid="release-now"
          >
            {labels.releaseNow}
          </button>
          <p role={nowState && !nowState.ok ? "alert" : "status"} className="text-sm text-red-700">
            {nowState && !nowState.ok ? nowState.error : ""}
          </p>
          <dialog
            ref={dialog}
            aria-labelledby="release-now-question"
            className="m-auto max-w-md rounded-lg border border-line bg-white p-6 text-ink shadow-xl backdrop:bg-black/40"
          >
            <p id="release-now-question" className="text-sm">
              {labels.releaseNowConfirm}
            </p>
            <form action={nowAction} className="mt-6 flex justify-end gap-3" onSubmit={() => dialog.current?.close()}>
              <input type="hidden" name="releaseId" value={releaseId} />
              <button
                type="button"
                onClick={() => dialog.current?.close()}
                className="rounded-md border border-stone-300 bg-white px-3 py-1.5 text-sm hover:bg-stone-50"
              >
                {labels.cancel}
              </button>
              <SubmitButton>{labels.releaseNow}</SubmitButton>
            </form>
          </dialog>
        </div>
      )}
    </div>
  );
}

function MomentInput({
  name,
  type,
  label,
  value,
}: {
  name: string;
  type: "date" | "time";
  label: string;
  value: string;
}) {
  return (
    <div>
      <label htmlFor={name} className="mb-1 block text-sm font-medium">
        {label}
      </label>
      <input
        id={name}
        name={name}
        type={type}
        defaultValue={value}
        className={control}
        aria-describedby="release-day-hint"
      />
    </div>
  );
}
