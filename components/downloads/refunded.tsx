import { getTranslations } from "next-intl/server";
import Link from "next/link";
import { DocumentLinks } from "@/components/documents/document-links";
import type { DocumentLink } from "@/lib/documents";

/** A refunded order's page: no downloads, and no doubt about why; its receipt and credit notes stay. */
export async function RefundedNotice({
  band,
  documents,
}: {
  band: string;
  documents?: { base: string; links: DocumentLink[] | undefined };
}) {
  const t = await getTranslations("downloads.refunded");
  return (
    <div className="mx-auto max-w-xl px-4 py-16 text-center sm:py-24" data-testid="download-refunded">
      <p className="text-sm font-medium text-muted">{band}</p>
      <h1 className="mt-2 text-3xl font-semibold tracking-tight">{t("title")}</h1>
      <p className="mt-4 text-muted">{t("body", { band })}</p>
      <p className="mt-2 text-muted">{t("library")}</p>
      {documents && (
        <div className="mt-4 flex justify-center text-muted">
          <DocumentLinks base={documents.base} links={documents.links} />
        </div>
      )}
      <Link href="/library" className="mt-8 inline-block rounded-md bg-ink px-4 py-2 text-sm font-medium text-white">
        {t("action")}
      </Link>
    </div>
  );
}
