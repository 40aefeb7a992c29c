"use client";

import { useRef } from "react";
import { control } from "@/components/ui/field";

type Props = {
  action: (form: FormData) => Promise<void>;
  artistSlug: string;
  value: string | null;
  countries: { code: string; name: string }[];
  labels: { country: string; choose: string; update: string };
};

/** Where the parcel goes: changing it re-prices shipping (submits by itself; the button is for no-JS). */
export function CountrySelect({ action, artistSlug, value, countries, labels }: Props) {
  const form = useRef<HTMLFormElement>(null);
  return (
    <form ref={form} action={action} className="flex items-end gap-2" data-testid="country-form">
      <input type="hidden" name="artist" value={artistSlug} />
      <div className="min-w-0 flex-1">
        <label htmlFor="ship-country" className="mb-1 block text-sm font-medium">
          {labels.country}
        </label>
        <select
          id="ship-country"
          name="country"
          defaultValue={value ?? ""}
          onChange={() => form.current?.requestSubmit()}
          className={control}
        >
          <option value="">{labels.choose}</option>
          {countries.map((c) => (
            <option key={c.code} value={c.code}>
              {c.name}
            </option>
          ))}
        </select>
      </div>
      <noscript>
        <button type="submit" className="rounded-md border border-stone-300 bg-white px-3 py-2 text-sm">
          {labels.update}
        </button>
      </noscript>
    </form>
  );
}
