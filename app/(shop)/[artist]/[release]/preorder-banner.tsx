import { getTranslations } from "next-intl/server";
import { momentText } from "@/lib/time-zone";

/** A pre-order's page: when it comes out (in the band's zone, named), and what a buyer gets today. */
export async function PreorderBanner({
  releaseAt,
  timeZone,
  locale,
}: {
  releaseAt: Date;
  timeZone: string;
  locale: string;
}) {
  const t = await getTranslations("releaseDay");
  return (
    <div role="note" className="border-b border-sky-200 bg-sky-50 text-sky-950" data-testid="preorder-banner">
      <div className="mx-auto max-w-6xl px-4 py-3 sm:px-6">
        <p className="font-semibold">{t("banner", { date: momentText(releaseAt, locale, timeZone) })}</p>
        <p className="text-sm">{t("bannerHint")}</p>
      </div>
    </div>
  );
}
