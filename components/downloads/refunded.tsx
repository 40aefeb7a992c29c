import { getTranslations } from "next-intl/server";
import Link from "next/link";

/** A refunded order's page: no downloads, and no doubt about why. */
export async function RefundedNotice({ band }: { band: string }) {
  const t = await getTranslations("downloads.refunded");
  return (
    <div className="mx-auto max-w-xl px-4 py-16 text-center sm:py-24" data-testid="download-refunded">
      <p className="text-sm font-medium text-muted">{band}</p>
      <h1 className="mt-2 text-3xl font-semibold tracking-tight">{t("title")}</h1>
      <p className="mt-4 text-muted">{t("body", { band })}</p>
      <p className="mt-2 text-muted">{t("library")}</p>
      <Link href="/library" className="mt-8 inline-block rounded-md bg-ink px-4 py-2 text-sm font-medium text-white">
        {t("action")}
      </Link>
    </div>
  );
}
