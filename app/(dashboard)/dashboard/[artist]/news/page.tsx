import { getFormatter, getTranslations } from "next-intl/server";
import Link from "next/link";
import { db } from "@/db";
import { requireArtistMember } from "@/lib/artists/guard";
import { listPostsForBand, mailingCounts, NO_MAILING } from "@/lib/news";

export async function generateMetadata() {
  return { title: (await getTranslations("newsDesk"))("title") };
}

export default async function NewsPage({ params }: PageProps<"/dashboard/[artist]/news">) {
  const { artist } = await requireArtistMember({ slug: (await params).artist });
  const [t, format, list] = await Promise.all([
    getTranslations("newsDesk"),
    getFormatter(),
    listPostsForBand(db, artist.id),
  ]);
  const counts = await mailingCounts(
    db,
    list.map((p) => p.id),
  );
  const base = `/dashboard/${artist.slug}/news`;
  return (
    <div className="space-y-6">
      <div className="flex flex-wrap items-start justify-between gap-4">
        <div>
          <h1 className="text-2xl font-semibold tracking-tight">{t("title")}</h1>
          <p className="mt-1 max-w-prose text-sm text-muted">{t("intro")}</p>
        </div>
        <Link
          href={`${base}/new`}
          className="rounded-md bg-ink px-4 py-2 text-sm font-medium text-white hover:bg-stone-700"
          data-testid="news-write"
        >
          {t("write")}
        </Link>
      </div>
      {list.length === 0 ? (
        <p className="rounded-lg border border-dashed border-stone-300 bg-white px-6 py-10 text-center text-sm text-muted">
          {t("empty")}
        </p>
      ) : (
        <ul className="divide-y divide-line rounded-lg border border-line bg-white" data-testid="news-list">
          {list.map((post) => {
            const c = counts.get(post.id) ?? NO_MAILING;
            return (
              <li key={post.id} className="flex flex-wrap items-center justify-between gap-3 px-4 py-3 text-sm">
                <div className="min-w-0">
                  <Link href={`${base}/${post.id}`} className="font-medium underline-offset-2 hover:underline">
                    {post.title}
                  </Link>
                  <p className="text-muted">
                    {post.status === "published" && post.publishedAt
                      ? t("published", { date: format.dateTime(post.publishedAt, { dateStyle: "medium" }) })
                      : t("draft")}
                    {post.audience === "subscribers" && <> · {t("subscribersOnly")}</>}
                  </p>
                </div>
                {post.status === "published" && (
                  <p className="text-muted tabular-nums" data-testid="news-row-counts">
                    {t("counts.recipients")} {c.recipients} · {t("counts.delivered")} {c.delivered} ·{" "}
                    {t("counts.bounced")} {c.bounced} · {t("counts.unsubscribed")} {c.unsubscribed} ·{" "}
                    {t("counts.toSend")} {c.toSend}
                  </p>
                )}
              </li>
            );
          })}
        </ul>
      )}
    </div>
  );
}
