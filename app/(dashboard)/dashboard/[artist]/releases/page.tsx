import { getFormatter, getTranslations } from "next-intl/server";
import Link from "next/link";
import { pageTitle } from "@/app/(dashboard)/dashboard/[artist]/page-title";
import { db } from "@/db";
import { requireArtistMember } from "@/lib/artists/guard";
import { releaseArtworkUrl } from "@/lib/catalog/public";
import { listReleasesForArtist } from "@/lib/catalog/releases";

export async function generateMetadata() {
  return pageTitle("releases");
}

export default async function ReleasesPage({ params }: PageProps<"/dashboard/[artist]/releases">) {
  const { artist } = await requireArtistMember({ slug: (await params).artist });
  const [t, tp, format, list] = await Promise.all([
    getTranslations("catalog"),
    getTranslations("plans"),
    getFormatter(),
    listReleasesForArtist(db, artist.id),
  ]);
  return (
    <div className="space-y-6">
      <div className="flex flex-wrap items-end justify-between gap-4">
        <div>
          <h1 className="text-2xl font-semibold tracking-tight">{t("list.title")}</h1>
          <p className="mt-1 text-sm text-muted">{t("list.intro")}</p>
        </div>
        <Link
          href={`/dashboard/${artist.slug}/releases/new`}
          className="rounded-md bg-ink px-4 py-2 text-sm font-medium text-white hover:bg-stone-700"
        >
          {t("list.new")}
        </Link>
      </div>
      {list.length === 0 ? (
        <p className="rounded-lg border border-dashed border-stone-300 bg-white px-6 py-10 text-center text-sm text-muted">
          {t("list.empty")}
        </p>
      ) : (
        <ul className="divide-y divide-line rounded-lg border border-line bg-white" data-testid="release-list">
          {list.map((release) => {
            const art = releaseArtworkUrl(release.artworkKey, "small");
            return (
              <li key={release.id}>
                <Link
                  href={`/dashboard/${artist.slug}/releases/${release.id}`}
                  className="flex items-center gap-4 px-4 py-3 hover:bg-stone-50"
                >
                  <span className="h-14 w-14 shrink-0 overflow-hidden rounded bg-stone-200">
                    {/* eslint-disable-next-line @next/next/no-img-element -- re-encoded artwork */}
                    {art && <img src={art} alt="" className="h-full w-full object-cover" />}
                  </span>
                  <span className="min-w-0 flex-1">
                    <span className="block truncate font-medium">{release.title}</span>
                    <span className="block text-xs text-muted">
                      {t(`kind.${release.kind}`)}
                      {release.releaseDate &&
                        ` · ${format.dateTime(new Date(`${release.releaseDate}T00:00:00Z`), { year: "numeric", timeZone: "UTC" })}`}
                      {" · "}
                      {t("list.tracks", { count: release.trackCount })}
                      {release.processing > 0 && ` · ${t("list.processing", { count: release.processing })}`}
                      {release.failed > 0 && (
                        <span className="text-red-700"> · {t("list.failed", { count: release.failed })}</span>
                      )}
                    </span>
                  </span>
                  <span
                    className={`rounded-full px-2 py-0.5 text-xs ${release.status === "published" ? "bg-emerald-50 text-emerald-800" : "bg-stone-100 text-muted"}`}
                  >
                    {t(`status.${release.status}`)}
                    {release.status === "published" && !release.listed && ` · ${tp("unlistedBadge")}`}
                  </span>
                </Link>
              </li>
            );
          })}
        </ul>
      )}
    </div>
  );
}
