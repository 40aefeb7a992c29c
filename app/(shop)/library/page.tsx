import type { Metadata } from "next";
import { getFormatter, getTranslations } from "next-intl/server";
import Link from "next/link";
import { connection } from "next/server";
import { CreditSummary } from "@/components/credit/credit-summary";
import { DocumentLinks } from "@/components/documents/document-links";
import { FollowsSection } from "@/components/library/follows-section";
import { SubscriptionsSection } from "@/components/library/subscriptions-section";
import { ReleaseArtwork } from "@/components/release/release-artwork";
import { accentStyle } from "@/components/ui/accent-style";
import { db } from "@/db";
import { documentLinksFor, type DocumentLink } from "@/lib/documents";
import { listLibrary, type LibraryEntry } from "@/lib/library";
import { signOutOfLibraryAction } from "./actions";
import { CollectionSection } from "./collection-section";
import { LibraryLinkForm } from "./library-forms";
import { libraryViewer } from "./library-session";
import { WishlistSection } from "./wishlist-section";

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations("downloads.library");
  return { title: t("metaTitle"), robots: { index: false, follow: false }, referrer: "no-referrer" };
}

/**
 * The fan's home, one section each, in the order of the nav: purchases, wishlist, following,
 * subscriptions (the two added by their own areas), then the whole collection (download, CSV, public page).
 */
const SECTIONS = ["purchases", "wishlist", "following", "subscriptions", "collection"] as const;

/** Every purchase for one email across every band; or, before sign-in, the form that emails the link. */
export default async function LibraryPage() {
  await connection();
  const [t, viewer] = await Promise.all([getTranslations("downloads.library"), libraryViewer()]);
  if (!viewer) {
    return (
      <div className="mx-auto w-full max-w-md px-4 py-12 sm:py-16" data-testid="library-signin">
        <h1 className="text-3xl font-semibold tracking-tight">{t("title")}</h1>
        <p className="mt-3 text-sm text-muted">{t("intro")}</p>
        <div className="mt-8 rounded-lg border border-line bg-surface p-6 shadow-xs">
          <LibraryLinkForm />
        </div>
      </div>
    );
  }
  const [entries, c] = await Promise.all([listLibrary(db, viewer.email), getTranslations("collection.nav")]);
  const documents = await documentLinksFor(
    db,
    entries.flatMap((e) => (e.orderId ? [e.orderId] : [])),
  );
  return (
    <div className="mx-auto max-w-3xl px-4 py-8 sm:px-6 sm:py-12" data-testid="library">
      <header className="flex flex-col gap-3 border-b border-line pb-6 sm:flex-row sm:items-end sm:justify-between">
        <div>
          <h1 className="text-3xl font-semibold tracking-tight">{t("title")}</h1>
          <p className="mt-2 text-sm text-muted">
            <span data-testid="library-email">{t("signedInAs", { email: viewer.email })}</span>
            {entries.length > 0 && <> · {t("count", { count: entries.length })}</>}
          </p>
        </div>
        {viewer.via === "link" && (
          <form action={signOutOfLibraryAction}>
            <button
              type="submit"
              className="text-sm text-muted underline underline-offset-2 hover:text-ink"
              data-testid="library-sign-out"
            >
              {t("signOut")}
            </button>
          </form>
        )}
      </header>
      <nav aria-label={c("label")} className="border-b border-line py-3" data-testid="library-nav">
        <ul className="flex flex-wrap gap-x-5 gap-y-1 text-sm">
          {SECTIONS.map((id) => (
            <li key={id}>
              <a href={`#${id}`} className="font-medium underline-offset-4 hover:underline">
                {c(id)}
              </a>
            </li>
          ))}
        </ul>
      </nav>
      <CreditSummary email={viewer.email} />
      <section id="purchases" className="scroll-mt-6 border-b border-line py-6" aria-labelledby="purchases-title">
        <h2 id="purchases-title" className="text-lg font-semibold">
          {c("purchases")}
        </h2>
        {entries.length === 0 ? (
          <p className="py-8 text-center text-muted" data-testid="library-empty">
            {t("empty")}
          </p>
        ) : (
          <ul className="divide-y divide-line">
            {entries.map((entry) => (
              <LibraryRow
                key={entry.grantId}
                entry={entry}
                documents={entry.orderId ? documents.get(entry.orderId) : undefined}
              />
            ))}
          </ul>
        )}
      </section>
      <WishlistSection email={viewer.email} />
      {/* Following and Subscriptions: their own components, each a <section id> listed in SECTIONS. */}
      <FollowsSection email={viewer.email} />
      <SubscriptionsSection email={viewer.email} />
      <CollectionSection email={viewer.email} owned={entries.length} />
    </div>
  );
}

async function LibraryRow({ entry, documents }: { entry: LibraryEntry; documents: DocumentLink[] | undefined }) {
  const [t, release, format] = await Promise.all([
    getTranslations("downloads.library"),
    getTranslations("release"),
    getFormatter(),
  ]);
  const [first, ...rest] = entry.items;
  const title = first?.title ?? entry.artist.name;
  return (
    <li style={accentStyle(entry.artist.accentColor)} data-testid="library-entry">
      <Link
        href={`/library/${entry.grantId}`}
        className="group grid grid-cols-[4rem_minmax(0,1fr)_auto] items-center gap-4 py-5 sm:grid-cols-[5rem_minmax(0,1fr)_auto]"
      >
        <ReleaseArtwork
          src={first?.artworkUrl ?? null}
          src2x={first?.artworkUrl2x}
          alt=""
          title={first?.releaseTitle ?? title}
          className="ring-1 ring-black/5"
        />
        <div className="min-w-0">
          <p className="truncate text-sm text-muted">{entry.artist.name}</p>
          <p className="truncate font-semibold group-hover:underline" data-testid="library-entry-title">
            {title}
          </p>
          <p className="truncate text-xs text-muted">
            {first && (first.isTrack ? t("trackOf", { release: first.releaseTitle }) : release(`kind.${first.kind}`))}
            {rest.length > 0 && <> {t("more", { count: rest.length })}</>}
            {" · "}
            {t("bought", { date: format.dateTime(entry.createdAt, { dateStyle: "medium" }) })}
          </p>
        </div>
        <span className="hidden rounded-md border border-stone-300 px-3 py-1.5 text-sm font-medium group-hover:bg-stone-50 sm:inline-block">
          {t("open")}
        </span>
      </Link>
      {documents && (
        <div className="-mt-3 pb-4 pl-20 text-muted sm:pl-24">
          <DocumentLinks base={`/library/${entry.grantId}/documents`} links={documents} />
        </div>
      )}
    </li>
  );
}
