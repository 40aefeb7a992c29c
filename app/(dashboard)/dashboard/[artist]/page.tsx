import { getLocale, getTranslations } from "next-intl/server";
import Link from "next/link";
import { NextStep } from "@/components/dashboard/next-step";
import { PeriodPicker } from "@/components/dashboard/stats/period-picker";
import { StatsOverview } from "@/components/dashboard/stats/stats-overview";
import { ModerationBanner } from "@/components/moderation/moderation-banner";
import { Notice } from "@/components/ui/notice";
import { db } from "@/db";
import { listTeam } from "@/lib/artists";
import { requireArtistMember } from "@/lib/artists/guard";
import { listReleasesForArtist } from "@/lib/catalog/releases";
import { getActivity, periodOrDefault } from "@/lib/stats";
import { overviewTitle } from "./page-title";

const param = (value: string | string[] | undefined) => (typeof value === "string" ? value : undefined);

export async function generateMetadata({ params }: PageProps<"/dashboard/[artist]">) {
  return overviewTitle((await params).artist);
}

/**
 * The next thing to do first (until the getting-started list is done), then the band's figures
 * for the chosen period. A band that has never sold nor been played sees no empty charts.
 */
export default async function ArtistOverviewPage({ params, searchParams }: PageProps<"/dashboard/[artist]">) {
  const { artist, user } = await requireArtistMember({ slug: (await params).artist });
  const query = await searchParams;
  const { period, error } = periodOrDefault(
    { period: param(query.period), from: param(query.from), to: param(query.to) },
    new Date(),
    artist.timeZone,
  );
  const [t, tf, ts, locale, team, releases, activity] = await Promise.all([
    getTranslations("dashboard"),
    getTranslations("firstRun.overview"),
    getTranslations("stats"),
    getLocale(),
    listTeam(db, user.id, artist.id),
    listReleasesForArtist(db, artist.id),
    getActivity(db, artist.id),
  ]);
  const base = `/dashboard/${artist.slug}`;
  // Period dates are the band's own (YYYY-MM-DD in its zone): shown as written, without a zone shift.
  const day = (date: string) =>
    new Intl.DateTimeFormat(locale, { dateStyle: "medium", timeZone: "UTC" }).format(new Date(`${date}T00:00:00Z`));
  const published = releases.some((r) => r.status === "published");
  const draft = releases.find((r) => r.status === "draft");
  const steps = [
    published || !draft
      ? {
          key: "release",
          label: tf("steps.release"),
          why: tf("steps.releaseWhy"),
          action: tf("steps.releaseAction"),
          done: published,
          href: `${base}/releases/new`,
        }
      : {
          key: "release",
          label: tf("steps.finish", { title: draft.title }),
          why: tf("steps.finishWhy"),
          action: tf("steps.finishAction"),
          done: false,
          href: `${base}/releases/${draft.id}`,
        },
    {
      key: "embed",
      label: tf("steps.embed"),
      why: tf("steps.embedWhy"),
      action: tf("steps.embedAction"),
      done: activity.embedded,
      href: `${base}/embed`,
    },
    { key: "avatar", label: t("overview.checkAvatar"), done: Boolean(artist.avatarKey), href: `${base}/settings` },
    { key: "banner", label: t("overview.checkBanner"), done: Boolean(artist.bannerKey), href: `${base}/settings` },
    { key: "bio", label: t("overview.checkBio"), done: artist.bio.length > 0, href: `${base}/settings` },
    { key: "links", label: t("overview.checkLinks"), done: artist.links.length > 0, href: `${base}/settings` },
    {
      key: "members",
      label: t("overview.checkMembers"),
      done: (team?.members.length ?? 0) + (team?.invites.length ?? 0) > 1,
      href: `${base}/members`,
    },
  ];
  const next = steps.find((step) => !step.done);
  return (
    <div className="space-y-6">
      <h1 className="text-2xl font-semibold tracking-tight" data-testid="dashboard-title">
        {ts("title")} · {artist.name}
      </h1>
      {artist.status === "suspended" && <ModerationBanner kind="suspended" reason={artist.suspendedReason} />}
      {next && (
        <NextStep
          step={{
            label: next.label,
            why: "why" in next ? next.why : undefined,
            action: "action" in next ? (next.action ?? tf("go")) : tf("go"),
            href: next.href,
          }}
          labels={{
            next: tf("next"),
            progress: tf("progress", { done: steps.filter((s) => s.done).length, count: steps.length }),
            others: tf("others"),
          }}
          others={steps
            .filter((step) => step !== next)
            .map((step) => ({ label: step.label, href: step.href, done: step.done }))}
          doneLabels={{ done: t("overview.done"), todo: t("overview.todo") }}
        />
      )}
      {activity.any ? (
        <section className="space-y-6" aria-labelledby="figures-title">
          <div>
            <h2 id="figures-title" className="sr-only">
              {tf("figures")}
            </h2>
            <p className="text-sm text-muted" data-testid="period-summary">
              {ts("intro", {
                from: day(period.firstDay),
                to: day(period.lastDay),
                days: period.days,
                zone: period.timeZone.replaceAll("_", " "),
              })}
            </p>
          </div>
          <PeriodPicker base={base} period={period} />
          {error && <Notice tone="error">{ts(`errors.${error}`)}</Notice>}
          <StatsOverview artistId={artist.id} period={period} locale={locale} />
        </section>
      ) : (
        <p
          className="rounded-lg border border-dashed border-stone-300 px-6 py-5 text-sm text-muted"
          data-testid="no-figures"
        >
          {tf("noFigures")}{" "}
          {published && (
            <Link href={`/${artist.slug}`} className="underline underline-offset-2">
              {tf("viewShop")}
            </Link>
          )}
        </p>
      )}
    </div>
  );
}
