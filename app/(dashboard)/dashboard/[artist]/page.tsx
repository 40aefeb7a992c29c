import Link from "next/link";
import { getLocale, getTranslations } from "next-intl/server";
import { PeriodPicker } from "@/components/dashboard/stats/period-picker";
import { StatsOverview } from "@/components/dashboard/stats/stats-overview";
import { Notice } from "@/components/ui/notice";
import { db } from "@/db";
import { listTeam } from "@/lib/artists";
import { listReleasesForArtist } from "@/lib/catalog/releases";
import { requireArtistMember } from "@/lib/artists/guard";
import { periodOrDefault } from "@/lib/stats";
import { overviewTitle } from "./page-title";

const param = (value: string | string[] | undefined) => (typeof value === "string" ? value : undefined);

export async function generateMetadata({ params }: PageProps<"/dashboard/[artist]">) {
  return overviewTitle((await params).artist);
}

/** The band's figures for the chosen period first; the getting-started checklist stays below until it is done. */
export default async function ArtistOverviewPage({ params, searchParams }: PageProps<"/dashboard/[artist]">) {
  const { artist, user } = await requireArtistMember({ slug: (await params).artist });
  const query = await searchParams;
  const { period, error } = periodOrDefault({ period: param(query.period), from: param(query.from), to: param(query.to) }, new Date(), artist.timeZone);
  const [t, tc, ts, locale, team, releases] = await Promise.all([
    getTranslations("dashboard"),
    getTranslations("catalog"),
    getTranslations("stats"),
    getLocale(),
    listTeam(db, user.id, artist.id),
    listReleasesForArtist(db, artist.id),
  ]);
  const base = `/dashboard/${artist.slug}`;
  // Period dates are the band's own (YYYY-MM-DD in its zone): shown as written, without a zone shift.
  const day = (date: string) => new Intl.DateTimeFormat(locale, { dateStyle: "medium", timeZone: "UTC" }).format(new Date(`${date}T00:00:00Z`));
  const checklist = [
    { label: tc("checkRelease"), done: releases.some((r) => r.status === "published"), href: "releases" },
    { label: t("overview.checkAvatar"), done: Boolean(artist.avatarKey), href: "settings" },
    { label: t("overview.checkBanner"), done: Boolean(artist.bannerKey), href: "settings" },
    { label: t("overview.checkBio"), done: artist.bio.length > 0, href: "settings" },
    { label: t("overview.checkLinks"), done: artist.links.length > 0, href: "settings" },
    { label: t("overview.checkMembers"), done: (team?.members.length ?? 0) + (team?.invites.length ?? 0) > 1, href: "members" },
  ];
  return (
    <div className="space-y-6">
      <div>
        <h1 className="text-2xl font-semibold tracking-tight" data-testid="dashboard-title">
          {ts("title")} · {artist.name}
        </h1>
        <p className="mt-1 text-sm text-muted" data-testid="period-summary">
          {ts("intro", { from: day(period.firstDay), to: day(period.lastDay), days: period.days, zone: period.timeZone.replaceAll("_", " ") })}
        </p>
      </div>
      <PeriodPicker base={base} period={period} />
      {error && <Notice tone="error">{ts(`errors.${error}`)}</Notice>}
      <StatsOverview artistId={artist.id} period={period} locale={locale} />
      {checklist.some((item) => !item.done) && (
        <section className="rounded-lg border border-line bg-white" data-testid="checklist">
          <h2 className="border-b border-line px-6 py-4 font-semibold">{t("overview.checklistTitle")}</h2>
          <ul className="divide-y divide-line">
            {checklist.map((item) => (
              <li key={item.label} className="flex items-center justify-between gap-4 px-6 py-3 text-sm">
                <Link href={`${base}/${item.href}`} className={item.done ? "text-muted line-through" : "font-medium hover:underline"}>
                  {item.label}
                </Link>
                <span className={`rounded-full px-2 py-0.5 text-xs ${item.done ? "bg-emerald-50 text-emerald-800" : "bg-stone-100 text-muted"}`}>
                  {item.done ? t("overview.done") : t("overview.todo")}
                </span>
              </li>
            ))}
          </ul>
        </section>
      )}
    </div>
  );
}
