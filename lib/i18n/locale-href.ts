import "server-only";
import { getLocale } from "next-intl/server";
import { DEFAULT_LOCALE, isLocale, type Locale } from "./config";
import { localePath } from "./paths";

/** The language this page is rendered in (from its URL on fan pages). */
export async function pageLocale(): Promise<Locale> {
  const locale = await getLocale();
  return isLocale(locale) ? locale : DEFAULT_LOCALE;
}

/** A fan page's address in the language of the page being rendered: "/demo-band" or "/fr/demo-band". */
export async function localeHref(path: string): Promise<string> {
  return localePath(await pageLocale(), path);
}
