import type { Metadata } from "next";
import { getTranslations } from "next-intl/server";
import { cookies } from "next/headers";
import Link from "next/link";
import { notFound } from "next/navigation";
import { cache } from "react";
import { PostArticle } from "@/components/news/post-article";
import { db } from "@/db";
import { getArtistBySlug } from "@/lib/artists";
import { releaseArtworkUrl } from "@/lib/catalog/public";
import { isLiveSubscriber } from "@/lib/fan-subscriptions";
import { localePath } from "@/lib/i18n";
import { pageLocale } from "@/lib/i18n/locale-href";
import { LIBRARY_COOKIE, readLibrarySession } from "@/lib/library";
import { shopAvailable } from "@/lib/moderation";
import { attachedRelease, getPublishedPost, parsePostBody, teaserOf } from "@/lib/news";

const load = cache(async (artistSlug: string, postSlug: string) => {
  const artist = await getArtistBySlug(db, artistSlug);
  if (!artist || !shopAvailable(artist)) return null;
  const post = await getPublishedPost(db, artist.id, postSlug);
  return post ? { artist, post } : null;
});

export async function generateMetadata({ params }: PageProps<"/[artist]/news/[post]">): Promise<Metadata> {
  const { artist, post } = await params;
  const found = await load(artist, post);
  if (!found) return {};
  const description = teaserOf(parsePostBody(found.post.body, found.artist.id).blocks, 200);
  return { title: `${found.post.title} · ${found.artist.name}`, description };
}

/**
 * A band's post. Rendered per request (the shared page cache only keeps shop and release pages):
 * a subscribers-only post shows its full text to a fan whose library session is a live
 * subscriber of the band, and a teaser to everyone else.
 */
export default async function PostPage({ params }: PageProps<"/[artist]/news/[post]">) {
  const found = await load((await params).artist, (await params).post);
  if (!found) notFound();
  const { artist, post } = found;
  const [t, locale, release] = await Promise.all([getTranslations("news"), pageLocale(), attachedRelease(db, post)]);
  const { blocks } = parsePostBody(post.body, artist.id);
  const locked =
    post.audience === "subscribers" &&
    !(await isLiveSubscriber(db, artist.id, readLibrarySession((await cookies()).get(LIBRARY_COOKIE)?.value)));
  const date = post.publishedAt
    ? new Intl.DateTimeFormat(locale, { dateStyle: "long" }).format(post.publishedAt)
    : null;
  return (
    <div className="mx-auto max-w-2xl space-y-6 px-4 py-10 sm:px-6">
      <Link href={localePath(locale, `/${artist.slug}`)} className="text-sm text-muted underline underline-offset-2">
        ← {t("post.back", { band: artist.name })}
      </Link>
      <PostArticle
        title={post.title}
        dateLabel={date ? t("post.published", { date }) : null}
        badge={post.audience === "subscribers" ? t("post.subscribersOnly") : null}
        blocks={blocks}
        teaser={
          locked
            ? {
                text: teaserOf(blocks),
                note: t("post.teaserNote", { band: artist.name }),
                hint: t("post.librarySignIn"),
                hintHref: "/library",
              }
            : null
        }
        release={
          release
            ? {
                title: release.title,
                href: localePath(locale, `/${artist.slug}/${release.slug}`),
                artworkUrl: releaseArtworkUrl(release.artworkKey, "small"),
                label: t("release"),
              }
            : null
        }
      />
    </div>
  );
}
