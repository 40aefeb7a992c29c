import { env } from "@/lib/env";
import { BACK_OFFICE_LOCALES, backOfficeLocale, negotiateLocale, type BackOfficeLocale } from "@/lib/i18n/config";
import en from "@/lib/i18n/messages/en.json";
import fr from "@/lib/i18n/messages/fr.json";
import { formBodyLimitBytes, sizeMb } from "@/lib/images/limits";

/**
 * A form post larger than Next accepts (next.config.ts) is refused before Next cuts its body, with
 * a message a person can act on instead of a 500. `text/plain` exactly: Next's client shows the
 * text of such an answer to a server action instead of a generic failure. (The proxy has no
 * next-intl, so the message is filled here.)
 */
/** Only bands upload pictures (back office): English or French. */
const templates: Record<BackOfficeLocale, string> = { en: en.errors.form_too_large, fr: fr.errors.form_too_large };
const fill = (template: string, values: Record<string, number>) =>
  template.replace(/\{(\w+)\}/g, (_, key: string) => String(values[key]));

export function oversizedFormPost(
  request: { method: string; contentLength: string | null; localeCookie?: string; acceptLanguage: string | null },
  maxImageMb = env().MAX_IMAGE_MB,
): { status: 413; body: string } | null {
  if (request.method !== "POST" || !request.contentLength || !/^\d+$/.test(request.contentLength)) return null;
  const bytes = Number(request.contentLength);
  const limit = formBodyLimitBytes(maxImageMb);
  if (bytes <= limit) return null;
  const locale = request.localeCookie
    ? backOfficeLocale(request.localeCookie)
    : negotiateLocale(request.acceptLanguage, BACK_OFFICE_LOCALES);
  return {
    status: 413,
    body: fill(templates[locale], { size: sizeMb(bytes), max: Math.floor(limit / 1024 / 1024), image: maxImageMb }),
  };
}
