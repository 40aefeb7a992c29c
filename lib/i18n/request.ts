import { getRequestConfig } from "next-intl/server";
import { cookies, headers } from "next/headers";
import { BACK_OFFICE_LOCALES, isLocale, LOCALE_COOKIE, LOCALES, type Locale } from "./config";
import { messages } from "./messages";
import { BACK_OFFICE_HEADER, LOCALE_HEADER, preferredLocale } from "./paths";

/**
 * The page's language. A fan page's comes from its URL (proxy.ts passes it in LOCALE_HEADER:
 * "fr" for /fr/…, "en" for an unprefixed fan page), so a shared copy depends on nothing else.
 * Other pages follow the visitor's explicit choice (cookie), else the browser's Accept-Language:
 * among every language on a fan page with one URL (checkout, downloads, library), among English
 * and French on a back-office page (proxy.ts marks those with BACK_OFFICE_HEADER).
 */
export default getRequestConfig(async () => {
  const requestHeaders = await headers();
  const fromUrl = requestHeaders.get(LOCALE_HEADER);
  const chosen = (await cookies()).get(LOCALE_COOKIE)?.value;
  const supported: readonly Locale[] = requestHeaders.get(BACK_OFFICE_HEADER) === "1" ? BACK_OFFICE_LOCALES : LOCALES;
  const locale = isLocale(fromUrl)
    ? fromUrl
    : preferredLocale(chosen, requestHeaders.get("accept-language"), supported);
  return { locale, messages: messages[locale], timeZone: "Europe/Paris" };
});
