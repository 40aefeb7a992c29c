import { z } from "zod";
import { productKindEnum } from "@/db/schema";
import { CURRENCIES, isCurrency } from "@/lib/artists";
import { requiredMoneyField } from "@/lib/catalog";

/** The product form. Messages are codes; the dashboard translates them (selling.errors.*). */
export const PRODUCT_KINDS = productKindEnum.enumValues;
export const MAX_PHOTOS = 4;
export const MAX_OPTIONS = 20;
export const MAX_STOCK = 100_000;

export type FieldErrors = Record<string, string>;

/** Every issue under its full path ("options.2.label"), first message wins. */
export function fieldErrorsOf(error: z.ZodError): FieldErrors {
  const out: FieldErrors = {};
  for (const issue of error.issues) out[issue.path.map(String).join(".") || "form"] ??= issue.message;
  return out;
}

/** Units in stock as typed: blank = unlimited (null), otherwise a whole number from 0. */
export const stockField = z
  .string()
  .trim()
  .default("")
  .transform((text, ctx): number | null => {
    if (text === "") return null;
    if (!/^\d+$/.test(text)) {
      ctx.addIssue({ code: "custom", message: /^-/.test(text) ? "stock_negative" : "stock_invalid" });
      return z.NEVER;
    }
    const units = Number(text);
    if (units > MAX_STOCK) {
      ctx.addIssue({ code: "custom", message: "stock_too_large" });
      return z.NEVER;
    }
    return units;
  });

const optionSchema = z.object({
  id: z
    .string()
    .trim()
    .default("")
    .transform((v) => v || null),
  label: z.string().trim().min(1, "option_label_required").max(40, "too_long"),
  stock: stockField,
});

const options = z
  .array(optionSchema)
  .max(MAX_OPTIONS, "options_too_many")
  .superRefine((list, ctx) => {
    const seen = new Set<string>();
    list.forEach((option, index) => {
      const key = option.label.toLocaleLowerCase();
      if (seen.has(key)) ctx.addIssue({ code: "custom", message: "option_label_duplicate", path: [index, "label"] });
      seen.add(key);
    });
  });

/** `currency` is the one the band picked, or the band's own when the pick is not a currency. */
export function productSchema(currency: string) {
  return z.object({
    kind: z.enum(PRODUCT_KINDS, { message: "product_kind_invalid" }),
    title: z.string().trim().min(1, "title_required").max(120, "too_long"),
    description: z.string().trim().max(5000, "too_long").default(""),
    currency: z.enum(CURRENCIES, { message: "currency_invalid" }),
    price: requiredMoneyField(currency),
    stock: stockField,
    releaseId: z
      .string()
      .trim()
      .default("")
      .transform((v) => v || null),
    published: z.boolean().default(false),
    options: options.default([]),
  });
}
export type ProductInput = z.infer<ReturnType<typeof productSchema>>;

export type ProductParse = { ok: true; data: ProductInput } | { ok: false; fieldErrors: FieldErrors };

export function parseProductInput(raw: Record<string, unknown>, fallbackCurrency: string): ProductParse {
  const picked = typeof raw.currency === "string" ? raw.currency : "";
  const parsed = productSchema(isCurrency(picked) ? picked : fallbackCurrency).safeParse(raw);
  return parsed.success ? { ok: true, data: parsed.data } : { ok: false, fieldErrors: fieldErrorsOf(parsed.error) };
}
