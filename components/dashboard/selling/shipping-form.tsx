"use client";

import { useTranslations } from "next-intl";
import { useActionState, useState, useTransition, type FormEvent } from "react";
import { FieldNotes, selectClass } from "@/components/ui/field";
import { FormStatus } from "@/components/ui/form-status";
import { CountryPicker } from "./country-picker";
import { MoneyField } from "./money-field";

type State = null | { ok: true; message: string } | { ok: false; error?: string; fieldErrors?: Record<string, string> };
export type RateRow = {
  key: string;
  zone: string;
  label: string;
  countries: string[];
  currency: string;
  firstItem: string;
  eachExtra: string;
};
type Country = { code: string; name: string };

let nextKey = 0;
const ZONES = ["home", "europe", "world", "custom"] as const;

/** Ship-from country and the rate of each zone (in each currency the band sells in), saved together. */
export function ShippingForm({
  action,
  artistId,
  currency,
  currencies,
  countries,
  initial,
}: {
  action: (state: State, form: FormData) => Promise<State>;
  artistId: string;
  /** The band's own currency, proposed for new rows. */
  currency: string;
  currencies: readonly string[];
  countries: Country[];
  initial: { country: string; rates: RateRow[] };
}) {
  const t = useTranslations("selling.shipping");
  const [state, formAction, pending] = useActionState(action, null);
  const [, startTransition] = useTransition();
  const [home, setHome] = useState(initial.country);
  const [rates, setRates] = useState(initial.rates);
  // After a save the server sends the stored rates back: start from them (adjusted during render).
  const stored = JSON.stringify(initial.rates);
  const [ratesOf, setRatesOf] = useState(stored);
  if (ratesOf !== stored) {
    setRatesOf(stored);
    setRates(initial.rates);
  }
  const failed = state && !state.ok ? state : null;
  const errors = failed?.fieldErrors ?? {};
  const homeName = countries.find((c) => c.code === home)?.name;
  const edit = (key: string, patch: Partial<RateRow>) =>
    setRates(rates.map((r) => (r.key === key ? { ...r, ...patch } : r)));

  function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const data = new FormData(event.currentTarget);
    startTransition(() => formAction(data));
  }

  return (
    <form onSubmit={submit} className="space-y-6" noValidate data-testid="shipping-form">
      <input type="hidden" name="artistId" value={artistId} />
      <div className="sm:max-w-sm">
        <label htmlFor="country" className="mb-1 block text-sm font-medium">
          {t("from")}
        </label>
        <select
          id="country"
          name="country"
          value={home}
          onChange={(e) => setHome(e.target.value)}
          className={selectClass}
          aria-describedby="country-hint"
        >
          <option value="">{t("fromNone")}</option>
          {countries.map((c) => (
            <option key={c.code} value={c.code}>
              {c.name}
            </option>
          ))}
        </select>
        <FieldNotes hintId="country-hint" hint={t("fromHint")} errorId="country-error" error={errors.country} />
      </div>

      <fieldset className="space-y-3">
        <legend className="mb-2 font-semibold">{t("ratesTitle")}</legend>
        {rates.length === 0 && <p className="text-sm text-muted">{t("noRates")}</p>}
        {rates.map((rate, index) => {
          const err = (field: string) => errors[`rates.${index}.${field}`];
          return (
            <div
              key={rate.key}
              className="space-y-4 rounded-md border border-line bg-stone-50 p-4"
              data-testid="rate-row"
            >
              <div className="grid gap-4 sm:grid-cols-[1fr_6rem_9rem_9rem_auto] sm:items-start">
                <div>
                  <label htmlFor={`zone-${rate.key}`} className="mb-1 block text-sm font-medium">
                    {t("zone")}
                  </label>
                  <select
                    id={`zone-${rate.key}`}
                    name="rateZone"
                    value={rate.zone}
                    onChange={(e) => edit(rate.key, { zone: e.target.value })}
                    className={selectClass}
                  >
                    {ZONES.map((zone) => (
                      <option key={zone} value={zone}>
                        {zone === "home"
                          ? homeName
                            ? t("zones.home", { country: homeName })
                            : t("zones.homeUnset")
                          : t(`zones.${zone}`)}
                      </option>
                    ))}
                  </select>
                  <FieldNotes errorId={`rate-${index}-zone-error`} error={err("zone")} />
                </div>
                <div>
                  <label htmlFor={`currency-${rate.key}`} className="mb-1 block text-sm font-medium">
                    {t("currency")}
                  </label>
                  <select
                    id={`currency-${rate.key}`}
                    name="rateCurrency"
                    value={rate.currency}
                    onChange={(e) => edit(rate.key, { currency: e.target.value })}
                    className={selectClass}
                  >
                    {currencies.map((c) => (
                      <option key={c} value={c}>
                        {c}
                      </option>
                    ))}
                  </select>
                  <FieldNotes errorId={`rate-${index}-currency-error`} error={err("currency")} />
                </div>
                <MoneyField
                  id={`first-${rate.key}`}
                  label={t("firstItem")}
                  name="rateFirstItem"
                  currency={rate.currency}
                  value={rate.firstItem}
                  onChange={(e) => edit(rate.key, { firstItem: e.target.value })}
                  error={err("firstItem")}
                />
                <MoneyField
                  id={`extra-${rate.key}`}
                  label={t("eachExtra")}
                  name="rateEachExtra"
                  currency={rate.currency}
                  value={rate.eachExtra}
                  placeholder="0"
                  onChange={(e) => edit(rate.key, { eachExtra: e.target.value })}
                  error={err("eachExtra")}
                />
                <button
                  type="button"
                  onClick={() => setRates(rates.filter((r) => r.key !== rate.key))}
                  className="self-end rounded-md px-2 py-2 text-sm text-muted hover:bg-stone-100 hover:text-ink sm:mb-0.5"
                  aria-label={t("removeRate")}
                  title={t("removeRate")}
                >
                  ✕
                </button>
              </div>
              <input
                type="hidden"
                name="rateCountries"
                value={rate.zone === "custom" ? rate.countries.join(",") : ""}
              />
              <input type="hidden" name="rateLabel" value={rate.zone === "custom" ? rate.label : ""} />
              {rate.zone === "custom" && (
                <div className="grid gap-4 sm:grid-cols-[14rem_1fr]">
                  <div>
                    <label htmlFor={`label-${rate.key}`} className="mb-1 block text-sm font-medium">
                      {t("label")}
                    </label>
                    <input
                      id={`label-${rate.key}`}
                      value={rate.label}
                      maxLength={60}
                      placeholder={t("labelPlaceholder")}
                      onChange={(e) => edit(rate.key, { label: e.target.value })}
                      className={selectClass}
                    />
                    <FieldNotes errorId={`rate-${index}-label-error`} error={err("label")} />
                  </div>
                  <CountryPicker
                    id={`countries-${rate.key}`}
                    label={t("countries")}
                    countries={countries}
                    value={rate.countries}
                    onChange={(list) => edit(rate.key, { countries: list })}
                    error={err("countries")}
                  />
                </div>
              )}
            </div>
          );
        })}
        <button
          type="button"
          onClick={() =>
            setRates([
              ...rates,
              {
                key: `new-${++nextKey}`,
                zone: nextZone(rates, currency),
                label: "",
                countries: [],
                currency,
                firstItem: "",
                eachExtra: "",
              },
            ])
          }
          className="rounded-md border border-stone-300 bg-white px-3 py-1.5 text-sm hover:bg-stone-50"
        >
          + {t("addRate")}
        </button>
        <FieldNotes errorId="rates-error" error={errors.rates} />
      </fieldset>

      <div className="flex flex-wrap items-center gap-3 border-t border-line pt-6">
        <button
          type="submit"
          disabled={pending}
          aria-busy={pending || undefined}
          className="inline-flex items-center justify-center rounded-md bg-ink px-4 py-2 text-sm font-medium text-white hover:bg-stone-700 disabled:opacity-60"
        >
          {t("save")}
        </button>
        <FormStatus state={state} pending={pending} testId="shipping-status" />
      </div>
    </form>
  );
}

/** A new row proposes the first plain zone not used yet in the band's currency, then custom lists. */
function nextZone(rates: RateRow[], currency: string) {
  return (
    ZONES.find((zone) => zone !== "custom" && !rates.some((r) => r.zone === zone && r.currency === currency)) ??
    "custom"
  );
}
