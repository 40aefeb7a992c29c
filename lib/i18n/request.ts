import { getRequestConfig } from "next-intl/server";
import { cookies, headers } from "next/headers";
import { isLocale, LOCALE_COOKIE, negotiateLocale } from "./config";
import { messages } from "./messages";
import { LOCALE_HEADER } from "./paths";

/**
 * The page's language. A fan page's comes from its URL (proxy.ts passes it in LOCALE_HEADER:
 * "fr" for /fr/…, "en" for an unprefixed fan page), so a shared copy depends on nothing else.
 * Other pages follow the visitor's explicit choice (cookie), else the browser's Accept-Language.
 */
export default getRequestConfig(async () => {
  const requestHeaders = await headers();
  const fromUrl = requestHeaders.get(LOCALE_HEADER);
  const chosen = (await cookies()).get(LOCALE_COOKIE)?.value;
  const locale = isLocale(fromUrl)
    ? fromUrl
    : isLocale(chosen)
      ? chosen
      : negotiateLocale(requestHeaders.get("accept-language"));
  return { locale, messages: messages[locale], timeZone: "Europe/Paris" };
});
