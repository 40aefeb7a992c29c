import { getLocale, getTranslations } from "next-intl/server";
import Link from "next/link";
import { pageTitle } from "@/app/(dashboard)/dashboard/[artist]/page-title";
import { FanList } from "@/components/dashboard/fans/fan-list";
import { FollowersSection } from "@/components/dashboard/fans/followers-section";
import { control } from "@/components/ui/field";
import { db } from "@/db";
import { requireArtistMember } from "@/lib/artists/guard";
import { countSubscribed, listSubscribers } from "@/lib/fans";

export async function generateMetadata() {
  return pageTitle("fans");
}

export default async function FansPage({ params, searchParams }: PageProps<"/dashboard/[artist]/fans">) {
  const { artist } = await requireArtistMember({ slug: (await params).artist });
  const query = await searchParams;
  const search = typeof query.q === "string" ? query.q.trim().slice(0, 200) : "";
  const requested = Number(typeof query.page === "string" ? query.page : 1);
  const [t, locale, list, subscribed] = await Promise.all([
    getTranslations("bandops.fans"),
    getLocale(),
    listSubscribers(db, artist.id, { search, page: Number.isFinite(requested) ? requested : 1 }),
    countSubscribed(db, artist.id),
  ]);
  const base = `/dashboard/${artist.slug}/fans`;
  const href = (page: number) =>
    `${base}?${new URLSearchParams({ ...(search && { q: search }), ...(page > 1 && { page: String(page) }) })}`;
  const pager = "rounded-md border border-stone-300 bg-white px-3 py-1.5 hover:bg-stone-50";
  return (
    <div className="space-y-6">
      <div>
        <h1 className="text-2xl font-semibold tracking-tight">{t("title")}</h1>
        <p className="mt-1 text-sm text-muted">{t("intro")}</p>
        <p className="mt-1 text-sm font-medium" data-testid="fan-count">
          {t("count", { subscribed })}
        </p>
      </div>
      <div className="flex flex-wrap items-center justify-between gap-3">
        <form role="search" action={base} className="flex items-center gap-2 text-sm">
          <label htmlFor="fan-search" className="sr-only">
            {t("search")}
          </label>
          <input
            id="fan-search"
            name="q"
            type="search"
            defaultValue={search}
            placeholder={t("search")}
            maxLength={200}
            className={`${control} w-64`}
          />
          <button
            type="submit"
            className="rounded-md border border-stone-300 bg-white px-3 py-2 font-medium hover:bg-stone-50"
          >
            {t("searchButton")}
          </button>
          {search && (
            <Link href={base} className="text-muted underline underline-offset-2">
              {t("clear")}
            </Link>
          )}
        </form>
        <a
          href={`${base}/export${search ? `?${new URLSearchParams({ q: search })}` : ""}`}
          download
          className={`${pager} text-sm font-medium`}
          data-testid="fans-export"
        >
          {t("export")}
        </a>
      </div>
      {list.subscribers.length === 0 ? (
        <p className="rounded-lg border border-dashed border-stone-300 bg-white px-6 py-10 text-center text-sm text-muted">
          {search ? t("emptySearch", { search }) : t("empty")}
        </p>
      ) : (
        <FanList fans={list.subscribers} locale={locale} />
      )}
      {list.pages > 1 && (
        <nav
          aria-label={t("page", { page: list.page, pages: list.pages })}
          className="flex items-center justify-between text-sm"
        >
          {list.page > 1 ? (
            <Link href={href(list.page - 1)} className={pager}>
              ← {t("previous")}
            </Link>
          ) : (
            <span />
          )}
          <span className="text-muted">{t("page", { page: list.page, pages: list.pages })}</span>
          {list.page < list.pages ? (
            <Link href={href(list.page + 1)} className={pager}>
              {t("next")} →
            </Link>
          ) : (
            <span />
          )}
        </nav>
      )}
      <p className="text-xs text-muted">{t("unsubscribeNote")}</p>
      <FollowersSection artist={artist} locale={locale} />
    </div>
  );
}
