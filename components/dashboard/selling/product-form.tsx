"use client";

import { useTranslations } from "next-intl";
import { useActionState, useState, useTransition, type FormEvent } from "react";
import { Field, FieldNotes, selectClass, TextArea } from "@/components/ui/field";
import { FormStatus } from "@/components/ui/form-status";
import { oversizedFile } from "@/components/ui/image-files";
import { Notice } from "@/components/ui/notice";
import { MoneyField } from "./money-field";
import { OptionsEditor, type OptionRow } from "./options-editor";

type State = null | { ok: true; message: string } | { ok: false; error?: string; fieldErrors?: Record<string, string> };

export type ProductFormInitial = {
  id?: string;
  kind: string;
  title: string;
  description: string;
  price: string;
  currency: string;
  stock: string;
  releaseId: string;
  published: boolean;
  options: { id: string; label: string; stock: string }[];
  photos: { key: string; url: string }[];
};

const rowsOf = (options: ProductFormInitial["options"]): OptionRow[] =>
  options.map((o) => ({ ...o, key: o.id, stockWas: o.stock }));

/**
 * A physical item: new and edit. Submitted by hand (not as a form action) so that a refused
 * save keeps everything typed and the photos chosen.
 */
export function ProductForm({
  action,
  artistId,
  initial,
  kinds,
  currencies,
  releases,
  limits,
  submitLabel,
  notice,
}: {
  action: (state: State, form: FormData) => Promise<State>;
  artistId: string;
  initial: ProductFormInitial;
  kinds: readonly string[];
  currencies: readonly string[];
  releases: { id: string; title: string }[];
  limits: { photos: number; options: number; imageMb: number };
  submitLabel: string;
  /** Shown until the form is first sent (the "Saved." after creating, which lands here). */
  notice?: string;
}) {
  const t = useTranslations("selling.productForm");
  const tk = useTranslations("selling.kinds");
  const te = useTranslations("selling.errors");
  const [state, formAction, pending] = useActionState(action, null);
  const [, startTransition] = useTransition();
  const [currency, setCurrency] = useState(initial.currency);
  const [options, setOptions] = useState<OptionRow[]>(() => rowsOf(initial.options));
  const [removing, setRemoving] = useState<string[]>([]);
  // After a save the server sends the stored item back (new option ids, new photos): start from it,
  // adjusted during render; the file picker is keyed on it, so it comes back empty.
  const stored = JSON.stringify([initial.options, initial.photos]);
  const [storedOf, setStoredOf] = useState(stored);
  if (storedOf !== stored) {
    setStoredOf(stored);
    setOptions(rowsOf(initial.options));
    setRemoving([]);
  }
  const failed = state && !state.ok ? state : null;
  const [photoError, setPhotoError] = useState<string | null>(null);
  const errors: Record<string, string> = {
    ...(failed?.fieldErrors ?? {}),
    ...(photoError ? { photos: photoError } : {}),
  };
  const room = limits.photos - initial.photos.length + removing.length;

  function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const data = new FormData(event.currentTarget);
    startTransition(() => formAction(data));
  }

  return (
    <form onSubmit={submit} className="space-y-6" noValidate data-testid="product-form">
      <input type="hidden" name="artistId" value={artistId} />
      {initial.id && <input type="hidden" name="productId" value={initial.id} />}
      {state === null && notice && <Notice tone="success">{notice}</Notice>}

      <div className="grid gap-6 sm:grid-cols-[12rem_1fr]">
        <div>
          <label htmlFor="kind" className="mb-1 block text-sm font-medium">
            {t("kind")}
          </label>
          <select id="kind" name="kind" defaultValue={initial.kind} className={selectClass}>
            {kinds.map((kind) => (
              <option key={kind} value={kind}>
                {tk(kind)}
              </option>
            ))}
          </select>
          <FieldNotes errorId="kind-error" error={errors.kind} />
        </div>
        <Field
          label={t("title")}
          name="title"
          defaultValue={initial.title}
          maxLength={120}
          required
          error={errors.title}
        />
      </div>
      <TextArea
        label={t("description")}
        name="description"
        defaultValue={initial.description}
        rows={4}
        maxLength={5000}
        error={errors.description}
      />

      <div className="grid gap-6 sm:grid-cols-3">
        <MoneyField
          label={t("price")}
          name="price"
          currency={currency}
          defaultValue={initial.price}
          placeholder="12.00"
          error={errors.price}
        />
        <div>
          <label htmlFor="currency" className="mb-1 block text-sm font-medium">
            {t("currency")}
          </label>
          <select
            id="currency"
            name="currency"
            value={currency}
            onChange={(e) => setCurrency(e.target.value)}
            className={selectClass}
          >
            {currencies.map((c) => (
              <option key={c} value={c}>
                {c}
              </option>
            ))}
          </select>
          <FieldNotes errorId="currency-error" error={errors.currency} />
        </div>
        {options.length === 0 ? (
          <Field
            label={t("stock")}
            name="stock"
            defaultValue={initial.stock}
            inputMode="numeric"
            placeholder="∞"
            hint={t("stockHint")}
            error={errors.stock}
          />
        ) : (
          <div>
            <span className="mb-1 block text-sm font-medium">{t("stock")}</span>
            <p className="py-2 text-sm text-muted">{t("stockByOption")}</p>
            <input type="hidden" name="stock" value={initial.stock} />
          </div>
        )}
        <input type="hidden" name="stockWas" value={initial.stock} />
      </div>

      <OptionsEditor rows={options} onChange={setOptions} errors={errors} max={limits.options} />

      <div>
        <label htmlFor="releaseId" className="mb-1 block text-sm font-medium">
          {t("release")}
        </label>
        <select
          id="releaseId"
          name="releaseId"
          defaultValue={initial.releaseId}
          className={`${selectClass} sm:max-w-md`}
          aria-describedby="releaseId-hint"
        >
          <option value="">{t("releaseNone")}</option>
          {releases.map((release) => (
            <option key={release.id} value={release.id}>
              {release.title}
            </option>
          ))}
        </select>
        <FieldNotes
          hintId="releaseId-hint"
          hint={t("releaseHint")}
          errorId="releaseId-error"
          error={errors.releaseId}
        />
      </div>

      <fieldset>
        <legend className="mb-2 text-sm font-medium">{t("photos")}</legend>
        {initial.photos.length > 0 && (
          <ul className="mb-3 flex flex-wrap gap-3">
            {initial.photos.map((photo, index) => (
              <li key={photo.key} className="w-24 space-y-1">
                {/* eslint-disable-next-line @next/next/no-img-element -- re-encoded photo */}
                <img
                  src={photo.url}
                  alt={t("photoAlt", { n: index + 1 })}
                  className={`h-24 w-24 rounded-md border border-line object-cover ${removing.includes(photo.key) ? "opacity-30" : ""}`}
                />
                <label className="flex items-center gap-1.5 text-xs">
                  <input
                    type="checkbox"
                    name="removePhoto"
                    value={photo.key}
                    checked={removing.includes(photo.key)}
                    onChange={(e) =>
                      setRemoving(e.target.checked ? [...removing, photo.key] : removing.filter((k) => k !== photo.key))
                    }
                  />
                  {t("removePhoto")}
                </label>
              </li>
            ))}
          </ul>
        )}
        {room > 0 && (
          <Field
            label={t("photos")}
            className="[&>label]:sr-only"
            name="photos"
            key={stored}
            type="file"
            multiple
            accept="image/jpeg,image/png,image/webp,image/gif,image/avif"
            hint={t("photosHint", { max: limits.photos, size: limits.imageMb })}
            onChange={(e) => {
              const input = e.currentTarget;
              const tooLarge = oversizedFile(input, limits.imageMb);
              setPhotoError(tooLarge ? te("photo_too_large", tooLarge) : null);
              if (tooLarge) input.value = "";
            }}
          />
        )}
        <FieldNotes errorId="photos-error" error={errors.photos} />
      </fieldset>

      <label className="flex items-start gap-2 text-sm">
        <input type="checkbox" name="published" defaultChecked={initial.published} className="mt-0.5" />
        <span>
          <span className="font-medium">{t("published")}</span>
          <span className="block text-xs text-muted">{t("publishedHint")}</span>
        </span>
      </label>

      <div className="flex flex-wrap items-center gap-3 border-t border-line pt-6">
        <button
          type="submit"
          disabled={pending}
          aria-busy={pending || undefined}
          className="inline-flex items-center justify-center rounded-md bg-ink px-4 py-2 text-sm font-medium text-white hover:bg-stone-700 disabled:opacity-60"
        >
          {submitLabel}
        </button>
        <FormStatus state={state} pending={pending} testId="product-status" />
      </div>
    </form>
  );
}
