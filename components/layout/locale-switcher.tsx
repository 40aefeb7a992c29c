"use client";

import { useRouter } from "next/navigation";
import { useTransition } from "react";
import { isFanPath } from "@/lib/artists/slug";
import { isLocale, LOCALE_NAMES, type Locale } from "@/lib/i18n/config";
import { localePath, splitLocalePath } from "@/lib/i18n/paths";
import { setLocaleAction } from "./actions";

/**
 * Remembers the choice (cookie) for the pages that have one URL (dashboard, account, checkout);
 * on a fan page, whose language is in its URL, also goes to the page's address in that language.
 * Each language is offered in its own name; the back office offers only English and French.
 */
export function LocaleSwitcher({
  locale,
  locales,
  label,
}: {
  locale: string;
  locales: readonly Locale[];
  label: string;
}) {
  const router = useRouter();
  const [pending, startTransition] = useTransition();
  return (
    <label className="flex items-center gap-1 text-sm">
      <span className="sr-only">{label}</span>
      <select
        aria-label={label}
        data-testid="locale-switcher"
        value={locale}
        disabled={pending}
        onChange={(event) => {
          const next = event.target.value;
          if (!isLocale(next)) return;
          startTransition(async () => {
            await setLocaleAction(next);
            const { path } = splitLocalePath(window.location.pathname);
            if (isFanPath(path)) window.location.assign(`${localePath(next, path)}${window.location.search}`);
            else router.refresh();
          });
        }}
        className="rounded border border-line bg-white px-1 py-1 sm:px-2"
      >
        {locales.map((code) => (
          <option key={code} value={code} lang={code}>
            {LOCALE_NAMES[code]}
          </option>
        ))}
      </select>
    </label>
  );
}
