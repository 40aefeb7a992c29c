import { getFormatter, getTranslations } from "next-intl/server";
import Link from "next/link";
import { DocumentLinks } from "@/components/documents/document-links";
import { ClientMessages } from "@/components/i18n/client-messages";
import { ReleaseArtwork } from "@/components/release/release-artwork";
import { accentStyle } from "@/components/ui/accent-style";
import type { DocumentLink } from "@/lib/documents";
import type { DownloadPageData, PageItem } from "@/lib/downloads/page-data";
import { FormatPicker } from "./format-picker";

/**
 * What a fan bought from one band, each item with its format picker. Shared by /download/<token>
 * (the receipt's link) and /library/<grant> (the same page reached through the library).
 */
export async function DownloadPage({
  data,
  back,
  documents,
}: {
  data: DownloadPageData;
  back?: { href: string; label: string };
  /** The order's receipt and credit notes, under the route that checks this page's key. */
  documents?: { base: string; links: DocumentLink[] | undefined };
}) {
  const [t, format] = await Promise.all([getTranslations("downloads.page"), getFormatter()]);
  const { contents, items, expiresAt } = data;
  const { artist, grant } = contents;
  return (
    <div
      style={accentStyle(artist.accentColor)}
      className="mx-auto max-w-3xl px-4 py-8 sm:px-6 sm:py-12"
      data-testid="download-page"
    >
      {back && (
        <Link
          href={back.href}
          className="mb-6 inline-flex items-center gap-1 text-sm text-muted hover:text-ink"
          data-testid="back-to-library"
        >
          <span aria-hidden>←</span> {back.label}
        </Link>
      )}
      <header className="border-b border-line pb-6">
        <p className="text-xs font-semibold uppercase tracking-wide text-accent-text">{t("eyebrow")}</p>
        <h1 className="mt-1 text-3xl font-semibold tracking-tight text-balance sm:text-4xl">{artist.name}</h1>
        <p className="mt-2 text-sm text-muted" data-testid="download-purchased">
          {t("purchased", { date: format.dateTime(grant.createdAt, { dateStyle: "long" }), email: grant.email })}
        </p>
        <p className="mt-3 max-w-prose text-sm">{t("intro")}</p>
        {documents && (
          <div className="mt-3 text-muted">
            <DocumentLinks base={documents.base} links={documents.links} />
          </div>
        )}
      </header>

      <ul className="divide-y divide-line">
        {items.map((item, index) => (
          <DownloadItemRow key={item.key} item={item} expiresAt={expiresAt} eager={index < 4} />
        ))}
      </ul>

      <aside className="mt-6 flex flex-col gap-4 rounded-lg border border-line bg-surface p-5 sm:flex-row sm:items-center sm:justify-between">
        <div>
          <h2 className="text-sm font-semibold">{t("libraryTitle")}</h2>
          <p className="mt-1 text-sm text-muted">{t("library")}</p>
        </div>
        <Link
          href="/library"
          className="shrink-0 rounded-md border border-stone-300 bg-white px-4 py-2 text-center text-sm font-medium hover:bg-stone-50"
          data-testid="library-link"
        >
          {t("libraryAction")}
        </Link>
      </aside>
      <div className="mt-6 flex flex-col gap-2 text-xs text-muted sm:flex-row sm:justify-between">
        <p>{t("linksExpire")}</p>
        <Link href={`/${artist.slug}`} className="underline underline-offset-2 hover:text-ink">
          {t("visitShop", { band: artist.name })}
        </Link>
      </div>
    </div>
  );
}

async function DownloadItemRow({ item, expiresAt, eager }: { item: PageItem; expiresAt: number; eager: boolean }) {
  const [t, release, day, format] = await Promise.all([
    getTranslations("downloads.page"),
    getTranslations("release"),
    getTranslations("releaseDay"),
    getFormatter(),
  ]);
  return (
    <li
      className="grid grid-cols-[5rem_minmax(0,1fr)] content-start items-center gap-x-4 gap-y-4 py-6 sm:grid-cols-[8rem_minmax(0,1fr)] sm:items-start sm:gap-x-6 sm:gap-y-3"
      data-testid="download-item"
    >
      <ReleaseArtwork
        src={item.artworkUrl}
        src2x={item.artworkUrl2x}
        alt={t("artworkAlt", { title: item.releaseTitle })}
        title={item.releaseTitle}
        priority={eager}
        className="ring-1 ring-black/5 sm:row-span-2"
      />
      <div className="min-w-0 space-y-1 sm:pt-1">
        <p className="text-xs font-medium text-muted">
          {item.isTrack ? t("trackOf", { release: item.releaseTitle }) : release(`kind.${item.kind}`)}
          {!item.isTrack && item.trackCount > 0 && <> · {t("trackCount", { count: item.trackCount })}</>}
        </p>
        <h2 className="text-lg font-semibold leading-snug text-balance" data-testid="download-item-title">
          {item.title}
        </h2>
      </div>
      <div className="col-span-2 sm:col-span-1 sm:col-start-2 sm:row-start-2">
        {item.waitingTracks > 0 && item.releaseAt && (
          <p className="mb-3 text-sm text-muted" data-testid="download-waiting">
            {day("waiting", {
              count: item.waitingTracks,
              date: format.dateTime(item.releaseAt, {
                year: "numeric",
                month: "long",
                day: "numeric",
                hour: "numeric",
                minute: "2-digit",
                timeZoneName: "short",
              }),
            })}
          </p>
        )}
        {item.trackCount === 0 ? (
          item.waitingTracks === 0 && <p className="text-sm text-muted">{t("empty")}</p>
        ) : (
          <>
            <ClientMessages namespaces={["downloads.page"]}>
              <FormatPicker
                title={item.title}
                formats={item.formats}
                defaultFormat={item.defaultFormat}
                expiresAt={expiresAt}
              />
            </ClientMessages>
            {item.losslessUnavailable && (
              <p className="mt-3 text-xs text-muted" data-testid="lossless-note">
                {t("losslessUnavailable")}
              </p>
            )}
          </>
        )}
      </div>
    </li>
  );
}
