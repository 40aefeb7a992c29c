"use client";

import { useTranslations } from "next-intl";
import { FieldNotes, selectClass } from "@/components/ui/field";

/** A list of countries: chips to remove, a select to add (names in the visitor's language). */
export function CountryPicker({
  id,
  label,
  countries,
  value,
  onChange,
  error,
}: {
  id: string;
  label: string;
  countries: { code: string; name: string }[];
  value: string[];
  onChange: (codes: string[]) => void;
  error?: string;
}) {
  const t = useTranslations("selling.shipping");
  const name = (code: string) => countries.find((c) => c.code === code)?.name ?? code;
  return (
    <div>
      <label htmlFor={id} className="mb-1 block text-sm font-medium">
        {label}
      </label>
      {value.length > 0 && (
        <ul className="mb-2 flex flex-wrap gap-1.5" aria-label={label}>
          {value.map((code) => (
            <li
              key={code}
              className="inline-flex items-center gap-1 rounded-full border border-stone-300 bg-white py-0.5 pl-2.5 pr-1 text-xs"
            >
              {name(code)}
              <button
                type="button"
                onClick={() => onChange(value.filter((c) => c !== code))}
                className="rounded-full px-1 text-muted hover:bg-stone-100 hover:text-ink"
                aria-label={t("removeCountry", { country: name(code) })}
              >
                ✕
              </button>
            </li>
          ))}
        </ul>
      )}
      <select
        id={id}
        value=""
        onChange={(e) => e.target.value && onChange([...value, e.target.value])}
        aria-invalid={error ? true : undefined}
        className={selectClass}
      >
        <option value="">{t("addCountry")}</option>
        {countries
          .filter((c) => !value.includes(c.code))
          .map((c) => (
            <option key={c.code} value={c.code}>
              {c.name}
            </option>
          ))}
      </select>
      <FieldNotes errorId={`${id}-error`} error={error} />
    </div>
  );
}
