import { getTranslations } from "next-intl/server";
import { localeHref } from "@/lib/i18n/locale-href";

/**
 * The Follow button of the shop and release pages: a plain link to /<artist>/follow, so the page
 * it sits on stays the same for every visitor (the page cache shares it) and needs no script.
 */
export async function FollowLink({
  artistSlug,
  band,
  from,
  className = "",
}: {
  artistSlug: string;
  band: string;
  from: "shop" | "release";
  className?: string;
}) {
  const [t, href] = await Promise.all([getTranslations("follows.button"), localeHref(`/${artistSlug}/follow`)]);
  return (
    <a
      href={`${href}?from=${from}`}
      className={`inline-flex items-center gap-1.5 rounded-md border border-stone-300 bg-white px-3 py-2 text-sm font-medium hover:bg-stone-50 ${className}`}
      data-testid="follow-button"
    >
      <svg viewBox="0 0 20 20" aria-hidden="true" className="h-4 w-4 fill-current">
        <path d="M10 3a1 1 0 0 1 1 1v5h5a1 1 0 1 1 0 2h-5v5a1 1 0 1 1-2 0v-5H4a1 1 0 1 1 0-2h5V4a1 1 0 0 1 1-1z" />
      </svg>
      {t("follow")}
      <span className="sr-only"> {band}</span>
    </a>
  );
}
