"use client";

import { useFormatter, useTranslations } from "next-intl";
import { useActionState, useEffect, useState } from "react";
import { Field, FieldNotes, selectClass, TextArea } from "@/components/ui/field";
import { FormStatus } from "@/components/ui/form-status";
import { oversizedFile } from "@/components/ui/image-files";
import { SubmitButton } from "@/components/ui/submit-button";
import { CURRENCIES } from "@/lib/artists/currencies";
import { slugify } from "@/lib/artists/slug";
import { LookFields } from "./look-fields";

export type ProfileFormState =
  | null
  | { ok: true; message: string; values?: Record<string, string> }
  | { ok: false; error?: string; fieldErrors?: Record<string, string>; values?: Record<string, string> };

type Initial = {
  id?: string;
  name: string;
  slug: string;
  location: string;
  bio: string;
  links: string;
  currency: string;
  timeZone: string;
  accentColor: string;
  /** The settings page's plan and saved layout; onboarding has none (a new band is Free). */
  look?: { plan: "free" | "pro"; bannerLayout: string; upgradeHref: string };
  avatarUrl?: string | null;
  bannerUrl?: string | null;
};

export function ArtistProfileForm({
  action,
  initial,
  submitLabel,
  appUrl,
  maxImageMb,
  timeZones,
}: {
  action: (state: ProfileFormState, form: FormData) => Promise<ProfileFormState>;
  initial: Initial;
  submitLabel: string;
  appUrl: string;
  maxImageMb: number;
  /** IANA zones to choose from (read on the server, so the list renders the same on both sides). */
  timeZones: string[];
}) {
  const t = useTranslations();
  const format = useFormatter();
  const [state, formAction] = useActionState(action, null);
  const failed = state && !state.ok ? state : null;
  const values = { ...initial, ...(state?.values ?? {}) };
  // React resets a form after its action succeeds, and a reset puts every select back on its first
  // option: the form is mounted afresh after each save instead, showing what was saved.
  const [saves, setSaves] = useState({ state, count: 0 });
  if (saves.state !== state) setSaves({ state, count: saves.count + (state?.ok ? 1 : 0) });
  const [name, setName] = useState(values.name);
  const [slug, setSlug] = useState(values.slug);
  const [slugEdited, setSlugEdited] = useState(Boolean(initial.id));
  const [currency, setCurrency] = useState(values.currency);
  const [timeZone, setTimeZone] = useState(values.timeZone);
  // A new band starts in the zone its browser is in (once, after the first render).
  useEffect(() => {
    const browserZone = Intl.DateTimeFormat().resolvedOptions().timeZone;
    if (!initial.id && !failed && timeZones.includes(browserZone)) setTimeZone(browserZone);
  }, []); // eslint-disable-line react-hooks/exhaustive-deps -- a guess made once: later renders must not undo the band's choice
  const [fileErrors, setFileErrors] = useState<Record<string, string | null>>({});
  const errors = {
    ...(failed?.fieldErrors ?? {}),
    ...Object.fromEntries(Object.entries(fileErrors).filter(([, v]) => v)),
  };

  function checkFile(kind: "avatar" | "banner", input: HTMLInputElement) {
    const tooLarge = oversizedFile(input, maxImageMb);
    if (tooLarge) {
      setFileErrors((e) => ({ ...e, [kind]: t("errors.image_too_large", tooLarge) }));
      input.value = "";
    } else {
      setFileErrors((e) => ({ ...e, [kind]: null }));
    }
  }

  return (
    <form key={saves.count} action={formAction} className="space-y-6" data-testid="artist-profile-form" noValidate>
      {initial.id && <input type="hidden" name="artistId" value={initial.id} />}
      {initial.id && <input type="hidden" name="currentSlug" value={initial.slug} />}

      <div className="grid gap-6 sm:grid-cols-2">
        <Field
          label={t("artist.name")}
          name="name"
          value={name}
          maxLength={80}
          onChange={(e) => {
            setName(e.target.value);
            if (!slugEdited) setSlug(slugify(e.target.value));
          }}
          error={errors.name}
          required
        />
        <div>
          <label htmlFor="slug" className="mb-1 block text-sm font-medium">
            {t("artist.slug")}
          </label>
          <div className="flex rounded-md border border-stone-300 bg-white text-sm focus-within:border-ink">
            <span className="flex items-center border-r border-stone-200 bg-stone-50 px-3 text-muted">
              {appUrl.replace(/^https?:\/\//, "")}/
            </span>
            <input
              id="slug"
              name="slug"
              value={slug}
              maxLength={40}
              onChange={(e) => {
                setSlug(e.target.value.toLowerCase());
                setSlugEdited(true);
              }}
              aria-invalid={errors.slug ? true : undefined}
              aria-describedby="slug-hint slug-error"
              className="min-w-0 flex-1 rounded-r-md px-3 py-2 focus:outline-none"
              required
            />
          </div>
          <FieldNotes
            hintId="slug-hint"
            hint={t("artist.slugHint", { url: `${appUrl}/${slug || "…"}` })}
            errorId="slug-error"
            error={errors.slug}
          />
        </div>
      </div>

      <Field
        label={t("artist.location")}
        name="location"
        defaultValue={values.location}
        placeholder={t("artist.locationPlaceholder")}
        maxLength={80}
        error={errors.location}
      />
      <TextArea
        label={t("artist.bio")}
        name="bio"
        defaultValue={values.bio}
        rows={5}
        placeholder={t("artist.bioPlaceholder")}
        maxLength={4000}
        error={errors.bio}
      />
      <TextArea
        label={t("artist.links")}
        name="links"
        defaultValue={values.links}
        rows={3}
        hint={t("artist.linksHint")}
        error={errors.links}
        placeholder="https://"
      />

      <div className="grid gap-6 sm:grid-cols-2">
        <div>
          <label htmlFor="currency" className="mb-1 block text-sm font-medium">
            {t("artist.currency")}
          </label>
          <select
            id="currency"
            name="currency"
            value={currency}
            onChange={(e) => setCurrency(e.target.value)}
            className={selectClass}
            aria-describedby="currency-hint"
          >
            {CURRENCIES.map((code) => (
              <option key={code} value={code}>
                {code} — {format.number(10, { style: "currency", currency: code })}
              </option>
            ))}
          </select>
          <FieldNotes
            hintId="currency-hint"
            hint={t("artist.currencyHint", { example: format.number(9.5, { style: "currency", currency }) })}
            errorId="currency-error"
            error={errors.currency}
          />
        </div>
        <div>
          <label htmlFor="timeZone" className="mb-1 block text-sm font-medium">
            {t("artist.timeZone")}
          </label>
          <select
            id="timeZone"
            name="timeZone"
            value={timeZone}
            onChange={(e) => setTimeZone(e.target.value)}
            className={selectClass}
            aria-describedby="timeZone-hint timeZone-error"
          >
            {timeZones.map((zone) => (
              <option key={zone} value={zone}>
                {zone.replaceAll("_", " ")}
              </option>
            ))}
          </select>
          <FieldNotes
            hintId="timeZone-hint"
            hint={t("artist.timeZoneHint")}
            errorId="timeZone-error"
            error={errors.timeZone}
          />
        </div>
        <LookFields accentColor={values.accentColor} look={initial.look} error={errors.accentColor ?? undefined} />
      </div>

      <div className="grid gap-6 sm:grid-cols-2">
        {(["avatar", "banner"] as const).map((kind) => {
          const current = kind === "avatar" ? initial.avatarUrl : initial.bannerUrl;
          return (
            <div key={kind} className="space-y-2">
              <Field
                label={t(`artist.${kind}`)}
                name={kind}
                type="file"
                accept="image/jpeg,image/png,image/webp,image/gif,image/avif"
                hint={t(kind === "avatar" ? "artist.avatarHint" : "artist.bannerHint", { max: maxImageMb })}
                error={errors[kind]}
                onChange={(e) => checkFile(kind, e.currentTarget)}
              />
              {current && (
                <div className="flex items-center gap-3">
                  {/* eslint-disable-next-line @next/next/no-img-element -- already re-encoded */}
                  <img
                    src={current}
                    alt=""
                    className={kind === "avatar" ? "h-16 w-16 rounded object-cover" : "h-16 w-52 rounded object-cover"}
                  />
                  <label className="flex items-center gap-1.5 text-sm">
                    <input type="checkbox" name={kind === "avatar" ? "removeAvatar" : "removeBanner"} />
                    {t("artist.removeImage")}
                  </label>
                </div>
              )}
            </div>
          );
        })}
      </div>

      <div className="flex flex-wrap items-center gap-3 border-t border-line pt-6">
        <SubmitButton>{submitLabel}</SubmitButton>
        <FormStatus state={state} testId="profile-status" />
      </div>
    </form>
  );
}
