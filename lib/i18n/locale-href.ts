import "server-only";
import { getLocale } from "next-intl/server";
import { headers } from "next/headers";
import { BACK_OFFICE_LOCALES, DEFAULT_LOCALE, isLocale, LOCALES, type Locale } from "./config";
import { BACK_OFFICE_HEADER, localePath } from "./paths";

/** The language this page is rendered in (from its URL on fan pages). */
export async function pageLocale(): Promise<Locale> {
  const locale = await getLocale();
  return isLocale(locale) ? locale : DEFAULT_LOCALE;
}

/** A fan page's address in the language of the page being rendered: "/demo-band" or "/fr/demo-band". */
export async function localeHref(path: string): Promise<string> {
  return localePath(await pageLocale(), path);
}

/** The languages the language switcher offers on this page: English and French in the back office. */
export async function pageLocales(): Promise<readonly Locale[]> {
  return (await headers()).get(BACK_OFFICE_HEADER) === "1" ? BACK_OFFICE_LOCALES : LOCALES;
}
