"use client";

import { useTranslations } from "next-intl";
import { FieldNotes, selectClass } from "@/components/ui/field";

/** `stockWas` is the stock the page showed for a stored option. */
export type OptionRow = { key: string; id: string; label: string; stock: string; stockWas: string };

let nextKey = 0;
export const newRowKey = () => `new-${++nextKey}`;

/**
 * Variants of an item (sizes, colours) with their own stock. Rows keep the id of a stored option
 * so renaming keeps it; the stock shown goes along (`optionStockWas`) so an unchanged number is
 * not written over sales made meanwhile.
 */
export function OptionsEditor({
  rows,
  onChange,
  errors,
  max,
}: {
  rows: OptionRow[];
  onChange: (rows: OptionRow[]) => void;
  errors: Record<string, string | undefined>;
  max: number;
}) {
  const t = useTranslations("selling.productForm");
  const edit = (key: string, patch: Partial<OptionRow>) =>
    onChange(rows.map((r) => (r.key === key ? { ...r, ...patch } : r)));
  return (
    <fieldset data-testid="product-options">
      <legend className="text-sm font-medium">{t("options")}</legend>
      <p className="mb-3 mt-1 text-xs text-muted">{t("optionsHint")}</p>
      {rows.length > 0 && (
        <div aria-hidden className="mb-1 grid grid-cols-[1fr_7rem_2.25rem] gap-2 text-xs font-medium text-muted">
          <span>{t("optionLabel")}</span>
          <span>{t("optionStock")}</span>
        </div>
      )}
      {rows.length > 0 && (
        <ul className="mb-3 space-y-2">
          {rows.map((row, index) => (
            <li key={row.key} className="grid grid-cols-[1fr_7rem_2.25rem] items-start gap-2" data-testid="option-row">
              <input type="hidden" name="optionId" value={row.id} />
              <input type="hidden" name="optionStockWas" value={row.stockWas} />
              <div>
                <label htmlFor={`option-label-${row.key}`} className="sr-only">
                  {t("optionLabel")} {index + 1}
                </label>
                <input
                  id={`option-label-${row.key}`}
                  name="optionLabel"
                  value={row.label}
                  maxLength={40}
                  placeholder={t("optionLabel")}
                  onChange={(e) => edit(row.key, { label: e.target.value })}
                  aria-invalid={errors[`options.${index}.label`] ? true : undefined}
                  className={selectClass}
                />
                <FieldNotes errorId={`option-${index}-label-error`} error={errors[`options.${index}.label`]} />
              </div>
              <div>
                <label htmlFor={`option-stock-${row.key}`} className="sr-only">
                  {t("optionStock")} {row.label}
                </label>
                <input
                  id={`option-stock-${row.key}`}
                  name="optionStock"
                  value={row.stock}
                  inputMode="numeric"
                  placeholder="∞"
                  onChange={(e) => edit(row.key, { stock: e.target.value })}
                  aria-invalid={errors[`options.${index}.stock`] ? true : undefined}
                  className={`${selectClass} tabular-nums`}
                />
                <FieldNotes errorId={`option-${index}-stock-error`} error={errors[`options.${index}.stock`]} />
              </div>
              <button
                type="button"
                onClick={() => onChange(rows.filter((r) => r.key !== row.key))}
                className="rounded-md px-2 py-2 text-sm text-muted hover:bg-stone-100 hover:text-ink"
                aria-label={t("removeOption", { label: row.label || index + 1 })}
              >
                ✕
              </button>
            </li>
          ))}
        </ul>
      )}
      {rows.length < max && (
        <button
          type="button"
          onClick={() => onChange([...rows, { key: newRowKey(), id: "", label: "", stock: "", stockWas: "" }])}
          className="rounded-md border border-stone-300 bg-white px-3 py-1.5 text-sm hover:bg-stone-50"
        >
          + {t("addOption")}
        </button>
      )}
      <FieldNotes errorId="options-error" error={errors.options} />
    </fieldset>
  );
}
