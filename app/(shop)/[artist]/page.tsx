/* eslint-disable @next/next/no-img-element -- artwork is already re-encoded to the sizes we show */
import type { Metadata } from "next";
import { getLocale, getTranslations } from "next-intl/server";
import { notFound } from "next/navigation";
import { cache } from "react";
import { ProductOffer } from "@/components/cart/buy-panel";
import { SubscribeLink } from "@/components/fan-subscriptions/subscribe-link";
import { FollowLink } from "@/components/follows/follow-link";
import { ReportLink } from "@/components/moderation/report-link";
import { ReleaseCard } from "@/components/release/release-card";
import { ShopJsonLd } from "@/components/seo/json-ld";
import { accentStyle } from "@/components/ui/accent-style";
import { priceHintText } from "@/components/visitor/price-hint-text";
import { CartLink, MemberLink } from "@/components/visitor/visitor-links";
import { db } from "@/db";
import { getArtistBySlug, imageUrl } from "@/lib/artists";
import { isPreorder } from "@/lib/catalog/preorder";
import { listPublishedReleases, releaseArtworkUrl } from "@/lib/catalog/public";
import { oembedDiscoveryUrl } from "@/lib/embed";
import { env } from "@/lib/env";
import { localePath } from "@/lib/i18n";
import { pageLocale } from "@/lib/i18n/locale-href";
import { listPublishedProducts } from "@/lib/merch";
import { shopAvailable } from "@/lib/moderation";
import { listPublishedPosts } from "@/lib/news";
import { canTakePayments } from "@/lib/orders";
import { shopLook } from "@/lib/plans";
import { languageAlternates, openGraphLocales, renderLocale, shareImageUrl } from "@/lib/seo";

const loadArtist = cache(async (slug: string) => getArtistBySlug(db, slug));

export async function generateMetadata({ params }: PageProps<"/[artist]">): Promise<Metadata> {
  const artist = await loadArtist((await params).artist);
  if (!artist || !shopAvailable(artist)) return {};
  const locale = renderLocale(await getLocale());
  const description = artist.bio.split("\n")[0]?.slice(0, 200) || artist.location || artist.name;
  // JPEG copies of the banner, else the avatar: some link previews refuse WebP.
  const image = artist.bannerKey
    ? { url: shareImageUrl(artist.bannerKey, "1600")!, width: 1600, height: 480, type: "image/jpeg", alt: artist.name }
    : artist.avatarKey
      ? { url: shareImageUrl(artist.avatarKey, "512")!, width: 512, height: 512, type: "image/jpeg", alt: artist.name }
      : null;
  return {
    title: artist.name,
    description,
    alternates: {
      ...languageAlternates(locale, `/${artist.slug}`),
      types: { "application/json+oembed": oembedDiscoveryUrl(env().APP_URL, `/${artist.slug}`) },
    },
    openGraph: {
      type: "profile",
      title: artist.name,
      description,
      url: localePath(locale, `/${artist.slug}`),
      siteName: "Merchtable",
      ...openGraphLocales(locale),
      images: image ? [image] : [],
    },
    twitter: {
      // A square avatar is cropped badly by the large card.
      card: artist.bannerKey ? "summary_large_image" : "summary",
      title: artist.name,
      description,
      images: image ? [{ url: image.url, alt: image.alt }] : [],
    },
  };
}

export default async function ArtistShopPage({ params }: PageProps<"/[artist]">) {
  const artist = await loadArtist((await params).artist);
  if (!artist || !shopAvailable(artist)) notFound();
  // The same for every visitor (the page cache keeps one copy): the cart link and the members'
  // "Manage" link come from /api/visitor in the browser.
  const [t, tRelease, tBuy, tGift, locale, releases, merch, hintText, tNews, news, tDay] = await Promise.all([
    getTranslations("shop"),
    getTranslations("release"),
    getTranslations("buy"),
    getTranslations("gifts.buy"),
    pageLocale(),
    listPublishedReleases(db, artist.id),
    listPublishedProducts(db, artist.id),
    priceHintText(),
    getTranslations("news.shop"),
    listPublishedPosts(db, artist.id),
    getTranslations("releaseDay"),
  ]);
  const banner = imageUrl(artist.bannerKey, "1600");
  const avatar = imageUrl(artist.avatarKey, "512");
  // Colour and banner layout are Pro options; a Free shop shows the house look (lib/plans).
  const look = shopLook(artist);
  const compact = look.bannerLayout === "none";

  return (
    <div style={accentStyle(look.accentColor)} data-testid="artist-shop" data-banner={look.bannerLayout}>
      <ShopJsonLd artist={artist} releases={releases} />
      {!compact && (
        <div className="mx-auto max-w-6xl px-0 sm:px-6 sm:pt-6">
          <div
            className={`relative w-full overflow-hidden bg-stone-700 sm:rounded-lg ${look.bannerLayout === "tall" ? "aspect-[16/9] sm:aspect-[2/1]" : "aspect-[10/3]"}`}
            style={{ backgroundImage: `linear-gradient(135deg, ${look.accentColor}, #292524 75%)` }}
            data-testid="shop-banner"
          >
            {banner && <img src={banner} alt="" className="h-full w-full object-cover" />}
          </div>
        </div>
      )}
      <div className="mx-auto max-w-6xl px-4 sm:px-6">
        <header
          className={`flex flex-col gap-4 border-b border-line pb-8 sm:flex-row sm:items-end sm:gap-6 ${compact ? "pt-8" : ""}`}
        >
          <div
            className={`relative z-10 shrink-0 overflow-hidden rounded-lg border-4 border-paper bg-stone-200 shadow-sm ${compact ? "h-20 w-20 sm:h-24 sm:w-24" : "-mt-12 h-28 w-28 sm:-mt-16 sm:h-36 sm:w-36"}`}
          >
            {avatar && <img src={avatar} alt={artist.name} className="h-full w-full object-cover" />}
          </div>
          <div className="min-w-0 flex-1">
            <h1 className="truncate text-3xl font-semibold tracking-tight sm:text-4xl">{artist.name}</h1>
            {artist.location && <p className="mt-1 text-muted">{artist.location}</p>}
          </div>
          <FollowLink artistSlug={artist.slug} band={artist.name} from="shop" className="self-start sm:self-end" />
          <CartLink
            artistId={artist.id}
            href={localePath(locale, `/${artist.slug}/cart`)}
            label={tBuy("viewCart")}
            className="self-start rounded-md bg-ink px-3 py-2 text-sm font-medium text-white hover:bg-stone-700 sm:self-end"
          />
          <MemberLink
            artistId={artist.id}
            href={`/dashboard/${artist.slug}`}
            label={t("manage")}
            testId="manage-shop"
            className="self-start rounded-md border border-stone-300 bg-white px-3 py-2 text-sm font-medium hover:bg-stone-50 sm:self-end"
          />
        </header>

        <div className="grid gap-10 py-10 lg:grid-cols-[1fr_18rem]">
          <section aria-labelledby="releases-title">
            <h2 id="releases-title" className="text-lg font-semibold">
              {t("releases")}
            </h2>
            {releases.length > 0 ? (
              <ul className="mt-4 grid grid-cols-2 gap-x-5 gap-y-8 sm:grid-cols-3" data-testid="release-grid">
                {releases.map((release) => (
                  <li key={release.id}>
                    <ReleaseCard
                      href={localePath(locale, `/${artist.slug}/${release.slug}`)}
                      title={release.title}
                      kindLabel={
                        isPreorder(release)
                          ? `${tRelease(`kind.${release.kind}`)} · ${tDay("preorderBadge")}`
                          : tRelease(`kind.${release.kind}`)
                      }
                      year={
                        release.releaseDate?.slice(0, 4) ??
                        (release.publishedAt ? String(release.publishedAt.getUTCFullYear()) : null)
                      }
                      artworkUrl={releaseArtworkUrl(release.artworkKey, "small")}
                      artworkUrl2x={releaseArtworkUrl(release.artworkKey, "medium")}
                    />
                  </li>
                ))}
              </ul>
            ) : (
              <div className="mt-4 rounded-lg border border-dashed border-stone-300 bg-white px-6 py-12 text-center">
                <p className="font-medium">{t("noReleases")}</p>
                <p className="mt-1 text-sm text-muted">{t("noReleasesHint", { band: artist.name })}</p>
              </div>
            )}
            {merch.length > 0 && (
              <section aria-labelledby="merch-title" className="mt-12">
                <h2 id="merch-title" className="text-lg font-semibold">
                  {tBuy("merchTitle")}
                </h2>
                <ul className="mt-4 grid gap-6 sm:grid-cols-2" data-testid="merch-list">
                  {merch.map((product) => (
                    <li key={product.id} className="rounded-lg border border-line bg-white p-4">
                      <ProductOffer
                        product={product}
                        artistSlug={artist.slug}
                        disabled={!canTakePayments(artist)}
                        hintText={hintText}
                      />
                    </li>
                  ))}
                </ul>
              </section>
            )}
          </section>

          <aside className="space-y-8">
            {news.length > 0 && (
              <section aria-labelledby="news-title" data-testid="shop-news">
                <h2 id="news-title" className="text-xs font-semibold uppercase tracking-wide text-muted">
                  {tNews("title")}
                </h2>
                <ul className="mt-2 divide-y divide-line rounded-lg border border-line bg-white text-sm">
                  {news.map((post) => (
                    <li key={post.id} className="px-4 py-2.5">
                      <a
                        href={localePath(locale, `/${artist.slug}/news/${post.slug}`)}
                        className="font-medium underline-offset-2 hover:underline"
                      >
                        {post.title}
                      </a>
                      <p className="text-xs text-muted">
                        {post.publishedAt &&
                          new Intl.DateTimeFormat(locale, { dateStyle: "medium", timeZone: "UTC" }).format(
                            post.publishedAt,
                          )}
                        {post.audience === "subscribers" && <> · {tNews("subscribersOnly")}</>}
                      </p>
                    </li>
                  ))}
                </ul>
              </section>
            )}
            <SubscribeLink artist={artist} />
            {artist.bio && (
              <div className="space-y-3 text-sm leading-relaxed">
                {artist.bio.split(/\n{2,}/).map((paragraph, i) => (
                  <p key={i} className="whitespace-pre-line">
                    {paragraph}
                  </p>
                ))}
              </div>
            )}
            {artist.links.length > 0 && (
              <div>
                <h2 className="text-xs font-semibold uppercase tracking-wide text-muted">{t("links")}</h2>
                <ul className="mt-2 divide-y divide-line rounded-lg border border-line bg-white text-sm">
                  {artist.links.map((link) => {
                    const host = new URL(link.url).hostname.replace(/^www\./, "");
                    return (
                      <li key={link.url}>
                        <a
                          href={link.url}
                          rel="nofollow noopener noreferrer"
                          target="_blank"
                          className="flex items-center justify-between gap-3 px-4 py-2.5 hover:bg-stone-50"
                        >
                          <span className="truncate font-medium">{link.label}</span>
                          {host !== link.label && <span className="shrink-0 text-xs text-muted">{host}</span>}
                        </a>
                      </li>
                    );
                  })}
                </ul>
              </div>
            )}
            <a
              href={localePath(locale, `/${artist.slug}/gift-card`)}
              className="inline-block rounded-md border border-stone-300 px-3 py-1.5 text-sm font-medium hover:bg-stone-50"
              data-testid="shop-gift-link"
            >
              {tGift("link")}
            </a>
            <p className="text-xs text-muted">{t("currencyNote", { currency: artist.currency })}</p>
            <ReportLink shop={artist.slug} />
          </aside>
        </div>
      </div>
    </div>
  );
}
