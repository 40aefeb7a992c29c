import { getTranslations } from "next-intl/server";
import Link from "next/link";
import { localeHref } from "@/lib/i18n/locale-href";

/** The discreet "Report" link at the foot of every shop and release page (no account needed). */
export async function ReportLink({ shop, release }: { shop: string; release?: string }) {
  const t = await getTranslations("moderation");
  const query = `shop=${encodeURIComponent(shop)}${release ? `&release=${encodeURIComponent(release)}` : ""}`;
  return (
    <p className="text-xs">
      <Link
        href={await localeHref(`/report?${query}`)}
        rel="nofollow"
        prefetch={false}
        className="text-muted underline underline-offset-2 hover:text-ink"
        data-testid="report-link"
      >
        {t("reportLink")}
      </Link>
    </p>
  );
}
