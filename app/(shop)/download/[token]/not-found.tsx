import { getTranslations } from "next-intl/server";
import Link from "next/link";

/** A wrong or cut-off token: the library is where a fan finds their purchases again. */
export default async function DownloadNotFound() {
  const t = await getTranslations("downloads.notFound");
  return (
    <div className="mx-auto max-w-xl px-4 py-16 text-center sm:py-24" data-testid="download-not-found">
      <meta name="robots" content="noindex" />
      <p className="text-sm font-medium text-muted">404</p>
      <h1 className="mt-2 text-3xl font-semibold tracking-tight">{t("title")}</h1>
      <p className="mt-4 text-muted">{t("body")}</p>
      <Link href="/library" className="mt-8 inline-block rounded-md bg-ink px-4 py-2 text-sm font-medium text-white">
        {t("action")}
      </Link>
    </div>
  );
}
