"use client";

import { useTranslations } from "next-intl";
import { useActionState, useState } from "react";
import { Field, FieldNotes, selectClass, TextArea } from "@/components/ui/field";
import { FormStatus } from "@/components/ui/form-status";
import { oversizedFile, smallArtwork } from "@/components/ui/image-files";
import { SubmitButton } from "@/components/ui/submit-button";
import { slugify } from "@/lib/artists/slug";
import { RECOMMENDED_ARTWORK_PX } from "@/lib/images/limits";

type State =
  | null
  | { ok: true; message?: string; warning?: string }
  | { ok: false; error?: string; fieldErrors?: Record<string, string>; values?: Record<string, string> };

export type ReleaseFormInitial = {
  id?: string;
  title: string;
  slug: string;
  kind: string;
  releaseDate: string;
  description: string;
  credits: string;
  catalogNumber: string;
  artworkUrl?: string | null;
};

/** Details of a release: used to create one and to edit it. */
export function ReleaseForm({
  action,
  initial,
  artistId,
  artistSlug,
  shopUrl,
  submitLabel,
  maxImageMb,
}: {
  action: (state: State, form: FormData) => Promise<State>;
  initial: ReleaseFormInitial;
  artistId: string;
  artistSlug: string;
  shopUrl: string;
  submitLabel: string;
  maxImageMb: number;
}) {
  const t = useTranslations("catalog");
  const te = useTranslations("errors");
  const [state, formAction] = useActionState(action, null);
  const failed = state && !state.ok ? state : null;
  const values = { ...initial, ...(failed?.values ?? {}) };
  const [artworkError, setArtworkError] = useState<string | null>(null);
  const [pickedWarning, setPickedWarning] = useState<string | null>(null);
  const errors: Record<string, string> = {
    ...(failed?.fieldErrors ?? {}),
    ...(artworkError ? { artwork: artworkError } : {}),
  };
  const artworkWarning = pickedWarning ?? (state?.ok ? state.warning : undefined);
  const [title, setTitle] = useState(values.title);
  const [slug, setSlug] = useState(values.slug);
  const [slugEdited, setSlugEdited] = useState(Boolean(initial.id));

  return (
    <form action={formAction} className="space-y-6" noValidate data-testid="release-form">
      <input type="hidden" name="artistId" value={artistId} />
      <input type="hidden" name="artistSlug" value={artistSlug} />
      {initial.id && <input type="hidden" name="releaseId" value={initial.id} />}
      <div className="grid gap-6 sm:grid-cols-2">
        <Field
          label={t("form.title")}
          name="title"
          value={title}
          maxLength={120}
          required
          error={errors.title}
          onChange={(e) => {
            setTitle(e.target.value);
            if (!slugEdited) setSlug(slugify(e.target.value));
          }}
        />
        <div>
          <label htmlFor="slug" className="mb-1 block text-sm font-medium">
            {t("form.slug")}
          </label>
          <input
            id="slug"
            name="slug"
            value={slug}
            maxLength={60}
            onChange={(e) => {
              setSlug(e.target.value.toLowerCase());
              setSlugEdited(true);
            }}
            aria-invalid={errors.slug ? true : undefined}
            aria-describedby="slug-hint slug-error"
            className="block w-full rounded-md border border-stone-300 bg-white px-3 py-2 text-sm focus:border-ink focus:outline-none aria-[invalid=true]:border-red-600"
          />
          <FieldNotes
            hintId="slug-hint"
            hint={t("form.slugHint", { url: `${shopUrl}/${slug || "…"}` })}
            errorId="slug-error"
            error={errors.slug}
          />
        </div>
      </div>
      <div className="grid gap-6 sm:grid-cols-3">
        <div>
          <label htmlFor="kind" className="mb-1 block text-sm font-medium">
            {t("form.kind")}
          </label>
          <select id="kind" name="kind" defaultValue={values.kind} className={selectClass}>
            {(["album", "ep", "single"] as const).map((kind) => (
              <option key={kind} value={kind}>
                {t(`kind.${kind}`)}
              </option>
            ))}
          </select>
        </div>
        <Field
          label={t("form.releaseDate")}
          name="releaseDate"
          type="date"
          defaultValue={values.releaseDate}
          error={errors.releaseDate}
        />
        <Field
          label={t("form.catalogNumber")}
          name="catalogNumber"
          defaultValue={values.catalogNumber}
          maxLength={40}
          error={errors.catalogNumber}
        />
      </div>
      <div className="flex flex-col gap-4 sm:flex-row sm:items-start">
        {initial.artworkUrl && (
          // eslint-disable-next-line @next/next/no-img-element -- already re-encoded
          <img
            src={initial.artworkUrl}
            alt=""
            className="h-28 w-28 shrink-0 rounded-md border border-line object-cover"
          />
        )}
        <div className="flex-1 space-y-2">
          <Field
            label={t("form.artwork")}
            name="artwork"
            type="file"
            accept="image/jpeg,image/png,image/webp,image/gif,image/avif"
            hint={t("form.artworkHint", { max: maxImageMb })}
            error={errors.artwork}
            onChange={(e) => {
              const input = e.currentTarget;
              const tooLarge = oversizedFile(input, maxImageMb);
              setArtworkError(tooLarge ? te("image_too_large", tooLarge) : null);
              setPickedWarning(null);
              if (tooLarge) input.value = "";
              else
                void smallArtwork(input.files?.[0]).then(
                  (small) =>
                    small && setPickedWarning(t("form.artworkSmall", { ...small, min: RECOMMENDED_ARTWORK_PX })),
                );
            }}
          />
          {artworkWarning && (
            <p role="status" className="text-sm text-amber-800" data-testid="artwork-warning">
              {artworkWarning}
            </p>
          )}
          {initial.artworkUrl && (
            <label className="flex items-center gap-1.5 text-sm">
              <input type="checkbox" name="removeArtwork" />
              {t("form.removeArtwork")}
            </label>
          )}
        </div>
      </div>
      <TextArea
        label={t("form.description")}
        name="description"
        defaultValue={values.description}
        rows={4}
        maxLength={5000}
        error={errors.description}
      />
      <TextArea
        label={t("form.credits")}
        name="credits"
        defaultValue={values.credits}
        rows={3}
        maxLength={5000}
        error={errors.credits}
      />
      <div className="border-t border-line pt-6">
        <div className="flex flex-wrap items-center gap-3">
          <SubmitButton>{submitLabel}</SubmitButton>
          <FormStatus state={state} testId="details-status" />
        </div>
      </div>
    </form>
  );
}
