import type { Metadata } from "next";
import { getTranslations } from "next-intl/server";
import Link from "next/link";
import { connection } from "next/server";
import { wishlistAction } from "@/app/(shop)/library/collection-actions";
import { LibraryLinkForm } from "@/app/(shop)/library/library-forms";
import { libraryViewer } from "@/app/(shop)/library/library-session";
import { ReleaseArtwork } from "@/components/release/release-artwork";
import { Notice } from "@/components/ui/notice";
import { SubmitButton } from "@/components/ui/submit-button";
import { db } from "@/db";
import { releaseArtworkUrl } from "@/lib/catalog";
import { isWishlisted, wishableRelease } from "@/lib/collection";

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations("collection.wishPage");
  return { title: t("metaTitle"), robots: { index: false, follow: false }, referrer: "no-referrer" };
}

/**
 * Where a heart leads when the release page cannot toggle it in place: a widget's heart (opened in
 * a new tab), no JavaScript, or no library session yet (the e-mailed link brings the fan back here).
 */
export default async function WishlistReleasePage({ params }: PageProps<"/library/wishlist/[releaseId]">) {
  await connection();
  const { releaseId } = await params;
  const [t, release, viewer] = await Promise.all([
    getTranslations("collection.wishPage"),
    wishableRelease(db, releaseId),
    libraryViewer(),
  ]);
  if (!release) {
    return (
      <div className="mx-auto w-full max-w-md px-4 py-12 sm:py-16" data-testid="wishlist-page">
        <h1 className="text-3xl font-semibold tracking-tight">{t("title")}</h1>
        <div className="mt-6">
          <Notice tone="error">{t("notFound")}</Notice>
        </div>
      </div>
    );
  }
  const names = { title: release.title, band: release.artist.name };
  const saved = viewer ? await isWishlisted(db, viewer.email, release.id) : false;
  return (
    <div className="mx-auto w-full max-w-md px-4 py-12 sm:py-16" data-testid="wishlist-page">
      <h1 className="text-3xl font-semibold tracking-tight">{t("title")}</h1>
      <div className="mt-6 grid grid-cols-[5rem_minmax(0,1fr)] items-center gap-4">
        <ReleaseArtwork
          src={releaseArtworkUrl(release.artworkKey, "small")}
          src2x={releaseArtworkUrl(release.artworkKey, "medium")}
          alt=""
          title={release.title}
        />
        <div className="min-w-0">
          <p className="truncate text-sm text-muted">{release.artist.name}</p>
          <p className="truncate font-semibold">{release.title}</p>
        </div>
      </div>
      <div className="mt-6 space-y-4 rounded-lg border border-line bg-surface p-6 shadow-xs">
        {viewer ? (
          <>
            <p data-testid="wishlist-state">{saved ? t("added", names) : t("notOn", names)}</p>
            <form action={wishlistAction}>
              <input type="hidden" name="releaseId" value={release.id} />
              <input type="hidden" name="saved" value={saved ? "false" : "true"} />
              <SubmitButton variant={saved ? "secondary" : "primary"}>{saved ? t("remove") : t("add")}</SubmitButton>
            </form>
          </>
        ) : (
          <>
            <p className="text-sm text-muted">{t("signIn", names)}</p>
            <LibraryLinkForm next={`/library/wishlist/${release.id}`} />
          </>
        )}
      </div>
      <p className="mt-6 flex flex-wrap gap-x-6 gap-y-2 text-sm">
        <Link href={`/${release.artist.slug}/${release.slug}`} className="underline underline-offset-2">
          {t("back", { title: release.title })}
        </Link>
        {viewer && (
          <Link href="/library#wishlist" className="underline underline-offset-2">
            {t("library")}
          </Link>
        )}
      </p>
    </div>
  );
}
