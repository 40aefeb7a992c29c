import type { Metadata } from "next";
import { getTranslations } from "next-intl/server";
import { notFound, redirect } from "next/navigation";
import { connection } from "next/server";
import { libraryViewer } from "@/app/(shop)/library/library-session";
import { DownloadPage } from "@/components/downloads/download-page";
import { RefundedNotice } from "@/components/downloads/refunded";
import { db } from "@/db";
import { documentLinksFor } from "@/lib/documents";
import { loadDownloadPage } from "@/lib/downloads/page-data";
import { findLibraryGrant } from "@/lib/library";

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations("downloads.page");
  return { title: t("metaTitle"), robots: { index: false, follow: false }, referrer: "no-referrer" };
}

/**
 * A purchase opened from the library. The grant's token is not stored, so this route stands in
 * for /download/<token>, authorised by the library sign-in: another address's grant is a 404.
 */
export default async function LibraryGrantPage({ params }: PageProps<"/library/[grant]">) {
  await connection();
  const viewer = await libraryViewer();
  if (!viewer) redirect("/library");
  const grant = await findLibraryGrant(db, viewer.email, (await params).grant);
  if (!grant) notFound();
  const data = await loadDownloadPage(db, grant.id);
  if (!data) notFound();
  if (grant.revokedAt) return <RefundedNotice band={data.contents.artist.name} />;
  const t = await getTranslations("downloads.library");
  const links = grant.orderId ? (await documentLinksFor(db, [grant.orderId])).get(grant.orderId) : undefined;
  return (
    <DownloadPage
      data={data}
      back={{ href: "/library", label: t("back") }}
      documents={{ base: `/library/${grant.id}/documents`, links }}
    />
  );
}
