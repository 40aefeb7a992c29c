import type { Metadata } from "next";
import { getTranslations } from "next-intl/server";
import { notFound } from "next/navigation";
import { connection } from "next/server";
import { DownloadPage } from "@/components/downloads/download-page";
import { RefundedNotice } from "@/components/downloads/refunded";
import { db } from "@/db";
import { documentLinksFor } from "@/lib/documents";
import { findGrantByToken, loadGrantContents } from "@/lib/downloads/contents";
import { loadDownloadPage } from "@/lib/downloads/page-data";

/** The token is the key to the purchase: kept out of search engines and out of Referer headers. */
export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations("downloads.page");
  return { title: t("metaTitle"), robots: { index: false, follow: false }, referrer: "no-referrer" };
}

/** The receipt's link: what a fan bought from one band, downloadable in every offered format. */
export default async function DownloadTokenPage({ params }: PageProps<"/download/[token]">) {
  // Signed links inside expire within the hour: never rendered ahead of time or cached.
  await connection();
  const { token } = await params;
  const lookup = await findGrantByToken(db, token);
  if (!lookup.found && lookup.reason === "unknown") notFound();
  const orderId = lookup.grant.orderId;
  const documents = {
    base: `/download/${encodeURIComponent(token)}/documents`,
    links: orderId ? (await documentLinksFor(db, [orderId])).get(orderId) : undefined,
  };
  if (!lookup.found) {
    const contents = await loadGrantContents(db, lookup.grant.id);
    return <RefundedNotice band={contents?.artist.name ?? ""} documents={documents} />;
  }
  const data = await loadDownloadPage(db, lookup.grant.id);
  if (!data) notFound();
  return <DownloadPage data={data} documents={documents} />;
}
