import { getFormatter, getTranslations } from "next-intl/server";
import Link from "next/link";
import { notFound } from "next/navigation";
import {
  publishPostAction,
  savePostAction,
  sendTestAction,
  uploadPostImageAction,
} from "@/app/(dashboard)/dashboard/[artist]/news/actions";
import { editorWords } from "@/app/(dashboard)/dashboard/[artist]/news/editor-words";
import { PostButton } from "@/app/(dashboard)/dashboard/[artist]/news/post-buttons";
import { PostEditor } from "@/app/(dashboard)/dashboard/[artist]/news/post-editor";
import { PostArticle } from "@/components/news/post-article";
import { Notice } from "@/components/ui/notice";
import { db } from "@/db";
import { requireArtistMember } from "@/lib/artists/guard";
import { releaseArtworkUrl } from "@/lib/catalog/public";
import {
  attachableReleases,
  attachedRelease,
  getPostForBand,
  mailingCounts,
  NO_MAILING,
  parsePostBody,
} from "@/lib/news";

/** "Tour dates · News", like a release's or a discount's tab; the page itself 404s for another band's post. */
export async function generateMetadata({ params }: PageProps<"/dashboard/[artist]/news/[postId]">) {
  const { artist: slug, postId } = await params;
  const { artist } = await requireArtistMember({ slug });
  const [t, post] = await Promise.all([getTranslations("newsDesk"), getPostForBand(db, artist.id, postId)]);
  return { title: post ? `${post.title} · ${t("title")}` : t("editTitle") };
}

export default async function EditPostPage({ params, searchParams }: PageProps<"/dashboard/[artist]/news/[postId]">) {
  const { artist } = await requireArtistMember({ slug: (await params).artist });
  const post = await getPostForBand(db, artist.id, (await params).postId);
  if (!post) notFound();
  const sent = (await searchParams).sent;
  const [t, format, words, releases, release, counts] = await Promise.all([
    getTranslations("newsDesk"),
    getFormatter(),
    editorWords(),
    attachableReleases(db, artist.id),
    attachedRelease(db, post),
    mailingCounts(db, [post.id]),
  ]);
  const tFan = await getTranslations("news");
  const c = counts.get(post.id) ?? NO_MAILING;
  const published = post.status === "published";
  const date = post.publishedAt ?? new Date();
  const base = `/dashboard/${artist.slug}/news`;
  return (
    <div className="space-y-8">
      <div className="space-y-2">
        <Link href={base} className="text-sm text-muted underline underline-offset-2">
          ← {t("back")}
        </Link>
        <h1 className="text-2xl font-semibold tracking-tight">{t("editTitle")}</h1>
        {typeof sent === "string" && /^\d+$/.test(sent) && (
          <Notice tone="success">{t("publish.done", { count: Number(sent) })}</Notice>
        )}
        {published && (
          <p className="text-sm text-muted">
            {t("publish.publishedNote")}{" "}
            <Link href={`/${artist.slug}/news/${post.slug}`} className="underline underline-offset-2">
              {t("viewPost")}
            </Link>
          </p>
        )}
      </div>
      <div className="grid gap-8 xl:grid-cols-2">
        <PostEditor
          artistId={artist.id}
          postId={post.id}
          initial={{ title: post.title, body: post.body, releaseId: post.releaseId ?? "", audience: post.audience }}
          releases={releases}
          words={words}
          action={savePostAction}
          imageAction={uploadPostImageAction}
        />
        <section aria-labelledby="preview-title" className="space-y-3">
          <h2 id="preview-title" className="text-lg font-semibold">
            {t("preview.title")}
          </h2>
          <p className="text-sm text-muted">{t("preview.note")}</p>
          <div className="rounded-lg border border-line bg-paper p-6" data-testid="post-preview">
            <PostArticle
              headingLevel={2}
              title={post.title}
              dateLabel={tFan("post.published", { date: format.dateTime(date, { dateStyle: "long" }) })}
              badge={post.audience === "subscribers" ? tFan("post.subscribersOnly") : null}
              blocks={parsePostBody(post.body, artist.id).blocks}
              teaser={null}
              release={
                release
                  ? {
                      title: release.title,
                      href: `/${artist.slug}/${release.slug}`,
                      artworkUrl: releaseArtworkUrl(release.artworkKey, "small"),
                      label: tFan("release"),
                    }
                  : null
              }
            />
          </div>
          <div className="flex flex-wrap items-start gap-6">
            <PostButton
              artistId={artist.id}
              postId={post.id}
              action={sendTestAction}
              label={t("test.button")}
              testId="post-test"
            />
            {!published && (
              <PostButton
                artistId={artist.id}
                postId={post.id}
                action={publishPostAction}
                label={t("publish.button")}
                note={t("publish.confirm")}
                variant="primary"
                testId="post-publish"
              />
            )}
          </div>
          {published && (
            <div>
              <h2 className="text-lg font-semibold">{t("counts.title")}</h2>
              <dl className="mt-2 grid grid-cols-2 gap-2 text-sm sm:grid-cols-3" data-testid="post-counts">
                {(["recipients", "delivered", "bounced", "unsubscribed", "toSend", "interrupted"] as const).map(
                  (key) => (
                    <div key={key} className="rounded-md border border-line bg-white px-3 py-2">
                      <dt className="text-muted">{t(`counts.${key}`)}</dt>
                      <dd className="text-lg font-semibold tabular-nums" data-testid={`count-${key}`}>
                        {c[key]}
                      </dd>
                    </div>
                  ),
                )}
              </dl>
            </div>
          )}
        </section>
      </div>
    </div>
  );
}
