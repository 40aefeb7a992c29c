import { createTranslator } from "use-intl/core";
import { DEFAULT_LOCALE, isLocale, type Locale } from "./config";
import { messages } from "./messages";

export * from "./config";
export * from "./paths";

/** Translations outside React (e-mails, jobs). */
export function translator(locale: string | null | undefined) {
  const resolved: Locale = isLocale(locale) ? locale : DEFAULT_LOCALE;
  return { locale: resolved, t: createTranslator({ locale: resolved, messages: messages[resolved] }) };
}
export * from "./pick";
