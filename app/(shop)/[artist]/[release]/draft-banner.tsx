import { getTranslations } from "next-intl/server";
import Link from "next/link";

/** Shown to the band's members on a draft: the page works, but fans get a 404 until it is published. */
export async function DraftBanner({ band, editHref }: { band: string; editHref: string }) {
  const t = await getTranslations("release");
  return (
    <div role="status" className="border-b border-amber-200 bg-amber-50 text-amber-900" data-testid="draft-banner">
      <div className="mx-auto flex max-w-6xl flex-col gap-2 px-4 py-3 sm:flex-row sm:items-center sm:justify-between sm:px-6">
        <div>
          <p className="font-semibold">{t("draftBanner")}</p>
          <p className="text-sm">{t("draftBannerHint", { band })}</p>
        </div>
        <Link
          href={editHref}
          className="shrink-0 self-start rounded-md border border-amber-200 bg-surface px-3 py-1.5 text-sm font-medium text-ink hover:bg-stone-50 sm:self-auto"
        >
          {t("edit")}
        </Link>
      </div>
    </div>
  );
}
