import type { Metadata } from "next";
import { getFormatter, getLocale, getTranslations } from "next-intl/server";
import Link from "next/link";
import { notFound } from "next/navigation";
import { cache } from "react";
import { BuyPanel } from "@/components/cart/buy-panel";
import { SubscribeLink } from "@/components/fan-subscriptions/subscribe-link";
import { FollowLink } from "@/components/follows/follow-link";
import { ReportLink } from "@/components/moderation/report-link";
import { playerText } from "@/components/player/player-text";
import { ReleasePlayer } from "@/components/player/release-player";
import type { PlayerTrack } from "@/components/player/types";
import { DownloadFormats } from "@/components/release/download-formats";
import { ReleaseArtwork } from "@/components/release/release-artwork";
import { WishlistHeart } from "@/components/release/wishlist-heart";
import { ReleaseJsonLd } from "@/components/seo/json-ld";
import { accentStyle } from "@/components/ui/accent-style";
import { MemberLink, MemberNote } from "@/components/visitor/visitor-links";
import { db } from "@/db";
import { currentUser } from "@/lib/auth";
import { isPreorder } from "@/lib/catalog";
import { getPublishedRelease, getReleaseForPreview, releaseArtworkUrl, type PublicRelease } from "@/lib/catalog/public";
import { oembedDiscoveryUrl } from "@/lib/embed";
import { env } from "@/lib/env";
import { isSharedRender } from "@/lib/http/shared-render-request";
import { localePath } from "@/lib/i18n";
import { pageLocale } from "@/lib/i18n/locale-href";
import { releaseOffers } from "@/lib/orders";
import { shopLook } from "@/lib/plans";
import { languageAlternates, openGraphLocales, renderLocale, shareImageUrl } from "@/lib/seo";
import { DraftBanner } from "./draft-banner";
import { PreorderBanner } from "./preorder-banner";
import { ReleaseText } from "./release-text";
import { TrackLyrics } from "./track-lyrics";

/**
 * Published releases for everyone; drafts only for the band's members (with a banner saying fans
 * cannot see it yet). Everyone else gets the same 404 as for a release that does not exist.
 * A published release's page is the same for every visitor (the page cache keeps one copy: what
 * is a member's own, the edit link and the cart count, comes from /api/visitor in the browser);
 * a draft is only ever rendered for a member's own request, never for the shared copy.
 */
const loadRelease = cache(async (artistSlug: string, releaseSlug: string): Promise<PublicRelease | null> => {
  const published = await getPublishedRelease(db, artistSlug, releaseSlug);
  if (published) return published;
  if (await isSharedRender()) return null;
  const user = await currentUser();
  return user ? getReleaseForPreview(db, user.id, artistSlug, releaseSlug) : null;
});

export async function generateMetadata({ params, searchParams }: PageProps<"/[artist]/[release]">): Promise<Metadata> {
  const { artist: artistSlug, release: releaseSlug } = await params;
  const { track } = await searchParams;
  const data = await loadRelease(artistSlug, releaseSlug);
  if (!data) return {};
  const { artist, release, tracks } = data;
  const [t, locale] = await Promise.all([getTranslations("release"), getLocale().then(renderLocale)]);
  const title = `${release.title} — ${artist.name}`;
  const description =
    release.description.split("\n")[0]?.slice(0, 200) || `${t(`kind.${release.kind}`)} · ${artist.name}`;
  const url = `/${artist.slug}/${release.slug}`;
  // JPEG: some link previews refuse WebP (app/media makes the copy on first request).
  const image = shareImageUrl(release.artworkKey, "1200");
  const alt = t("artworkAlt", { title: release.title, artist: artist.name });
  const firstPlayable = tracks.find((track) => track.playback === "full" || track.playback === "clip");
  return {
    title,
    description,
    // Canonical in this render's language, without ?track=; oEmbed discovery names the track
    // as the release URL with ?track=<id> (there is no track page).
    alternates: {
      ...languageAlternates(locale, url),
      types: data.isDraft
        ? undefined
        : {
            "application/json+oembed": oembedDiscoveryUrl(
              env().APP_URL,
              typeof track === "string" ? `${url}?track=${encodeURIComponent(track)}` : url,
            ),
          },
    },
    robots: data.isDraft ? { index: false, follow: false } : undefined,
    openGraph: {
      type: "music.album",
      title,
      description,
      url: localePath(locale, url),
      siteName: "Merchtable",
      ...openGraphLocales(locale),
      // Next resolves og:url and og:image against metadataBase, but not these.
      musicians: [new URL(localePath(locale, `/${artist.slug}`), env().APP_URL).href],
      releaseDate: release.releaseDate ?? undefined,
      images: image ? [{ url: image, width: 1200, height: 1200, type: "image/jpeg", alt }] : [],
      audio: firstPlayable
        ? [{ url: new URL(`/api/stream/${firstPlayable.id}`, env().APP_URL).href, type: "audio/mpeg" }]
        : undefined,
    },
    twitter: {
      card: image ? "summary_large_image" : "summary",
      title,
      description,
      images: image ? [{ url: image, alt }] : [],
    },
  };
}

function toPlayerTrack(track: PublicRelease["tracks"][number]): PlayerTrack {
  return {
    id: track.id,
    position: track.position,
    title: track.title,
    durationSeconds: track.durationMs === null ? null : track.durationMs / 1000,
    peaks: track.peaks,
    playback: track.playback,
    clipSeconds: track.clipSeconds,
  };
}

export default async function ReleasePage({ params }: PageProps<"/[artist]/[release]">) {
  const { artist: artistSlug, release: releaseSlug } = await params;
  const data = await loadRelease(artistSlug, releaseSlug);
  if (!data) notFound();
  const { artist, release, tracks, formats, lossyMaster, isDraft } = data;
  const [t, format, locale] = await Promise.all([getTranslations("release"), getFormatter(), pageLocale()]);
  // Drafts cannot be bought: the band's preview shows the page without the buy box.
  const offers = isDraft ? null : await releaseOffers(db, artist, release);
  const shopHref = localePath(locale, `/${artist.slug}`);
  const editHref = `/dashboard/${artist.slug}/releases/${release.id}`;

  const alt = t("artworkAlt", { title: release.title, artist: artist.name });
  const date = release.releaseDate ? new Date(`${release.releaseDate}T00:00:00Z`) : null;
  const dateText = date ? format.dateTime(date, { dateStyle: "long", timeZone: "UTC" }) : null;
  const upcoming = date ? date.getTime() > Date.now() : false;
  const totalSeconds = tracks.reduce((sum, track) => sum + (track.durationMs ?? 0) / 1000, 0);
  const allTimed = tracks.length > 0 && tracks.every((track) => track.durationMs !== null);

  return (
    <div style={accentStyle(shopLook(artist).accentColor)} data-testid="release-page">
      {!isDraft && <ReleaseJsonLd release={data} offers={offers} />}
      {isDraft && <DraftBanner band={artist.name} editHref={editHref} />}
      {!isDraft && isPreorder(release) && release.releaseAt && (
        <PreorderBanner releaseAt={release.releaseAt} timeZone={artist.timeZone} locale={locale} />
      )}
      <div className="mx-auto grid max-w-6xl gap-x-12 gap-y-8 px-4 py-8 sm:px-6 sm:py-12 lg:grid-cols-[22rem_minmax(0,1fr)] lg:grid-rows-[auto_1fr]">
        <div className="mx-auto w-full max-w-sm lg:max-w-none">
          <ReleaseArtwork
            src={releaseArtworkUrl(release.artworkKey, "medium")}
            src2x={releaseArtworkUrl(release.artworkKey, "large")}
            alt={alt}
            title={release.title}
            priority
            className="shadow-md ring-1 ring-black/5"
          />
        </div>

        <div className="min-w-0 space-y-8 lg:col-start-2 lg:row-span-2 lg:row-start-1">
          <header>
            <p className="text-sm font-medium text-muted" data-testid="release-facts">
              {t(`kind.${release.kind}`)}
              {dateText && <> · {upcoming ? t("upcoming", { date: dateText }) : t("released", { date: dateText })}</>}
            </p>
            <h1 className="mt-1 text-3xl font-semibold tracking-tight text-balance sm:text-4xl">{release.title}</h1>
            <p className="mt-2 text-lg">
              {t.rich("by", {
                name: artist.name,
                artist: (chunks) => (
                  <Link
                    href={shopHref}
                    className="font-medium underline decoration-line decoration-2 underline-offset-4 hover:decoration-accent"
                  >
                    {chunks}
                  </Link>
                ),
              })}
            </p>
            <p className="mt-1 text-sm text-muted">
              {allTimed
                ? t("summaryWithLength", { count: tracks.length, minutes: Math.max(1, Math.round(totalSeconds / 60)) })
                : t("summary", { count: tracks.length })}
            </p>
            {!isDraft && (
              <FollowLink artistSlug={artist.slug} band={artist.name} from="release" className="mt-4 mr-2" />
            )}
            {!isDraft && !release.listed && (
              <MemberNote
                artistId={artist.id}
                text={(await getTranslations("plans"))("unlistedNote")}
                className="mt-4 rounded-md bg-amber-50 px-3 py-2 text-sm text-amber-900"
              />
            )}
            {!isDraft && (
              <MemberLink
                artistId={artist.id}
                href={editHref}
                label={t("edit")}
                testId="edit-release"
                className="mt-4 inline-block rounded-md border border-stone-300 bg-surface px-3 py-1.5 text-sm font-medium hover:bg-stone-50"
              />
            )}
          </header>

          {tracks.length > 0 && (
            <ReleasePlayer
              listId={release.id}
              tracks={tracks.map(toPlayerTrack)}
              artistName={artist.name}
              releaseTitle={release.title}
              artworkUrl={releaseArtworkUrl(release.artworkKey, "medium")}
              text={await playerText()}
              source="shop"
            />
          )}

          <TrackLyrics tracks={tracks} />

          {release.description && (
            <ReleaseText title={t("about")} text={release.description} testId="release-description" />
          )}
          {release.credits && (
            <ReleaseText title={t("credits")} text={release.credits} testId="release-credits" small />
          )}
        </div>

        <aside className="min-w-0 space-y-6">
          {offers && (
            <BuyPanel
              artist={artist}
              offers={offers}
              releaseKind={t(`kind.${release.kind}`)}
              releaseSlug={release.slug}
              preorder={isPreorder(release)}
              shipsFrom={
                isPreorder(release) && release.releaseAt
                  ? (await getTranslations("releaseDay"))("shipsFrom", {
                      date: format.dateTime(release.releaseAt, { dateStyle: "long", timeZone: artist.timeZone }),
                    })
                  : undefined
              }
            />
          )}
          {!isDraft && <WishlistHeart releaseId={release.id} labels={await heartLabels()} />}
          <DownloadFormats formats={formats} lossyMaster={lossyMaster} hasTracks={tracks.length > 0} />
          {!isDraft && <SubscribeLink artist={artist} />}
          {release.catalogNumber && (
            <dl className="text-sm">
              <dt className="text-xs font-semibold uppercase tracking-wide text-muted">{t("catalogNumber")}</dt>
              <dd className="mt-1 font-mono" data-testid="catalog-number">
                {release.catalogNumber}
              </dd>
            </dl>
          )}
          <Link href={shopHref} className="block text-sm text-muted underline underline-offset-2 hover:text-ink">
            {t("backToShop", { artist: artist.name })}
          </Link>
          {!isDraft && <ReportLink shop={artist.slug} release={release.slug} />}
        </aside>
      </div>
    </div>
  );
}

async function heartLabels() {
  const t = await getTranslations("collection.heart");
  return { add: t("add"), remove: t("remove"), failed: t("failed") };
}
