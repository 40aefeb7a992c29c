import { getLocale, getTranslations } from "next-intl/server";
import type { Release, Track } from "@/db/schema";
import { isPreorder } from "@/lib/catalog";
import { momentText, wallClockIn } from "@/lib/time-zone";
import { ReleaseDayForm, type ReleaseDayState } from "./release-day-form";

type Action = (state: ReleaseDayState, form: FormData) => Promise<ReleaseDayState>;

/** The release editor's "Release day": where the release stands, and the form that schedules it. */
export async function ReleaseDaySection({
  release,
  tracks,
  timeZone,
  actions,
}: {
  release: Release;
  tracks: Track[];
  timeZone: string;
  actions: { schedule: Action; releaseNow: Action };
}) {
  const [t, locale] = await Promise.all([getTranslations("releaseDayEditor"), getLocale()]);
  const at = (date: Date) => momentText(date, locale, timeZone);
  const preorder = isPreorder(release);
  const status = release.releasedAt
    ? t("statusOut", { date: at(release.releasedAt) })
    : release.releaseAt
      ? preorder
        ? t("statusPreorder", { date: at(release.releaseAt) })
        : t("statusScheduled", { date: at(release.releaseAt) })
      : t("statusNone");
  return (
    <section className="rounded-lg border border-line bg-white p-6" aria-labelledby="release-day-title">
      <h2 id="release-day-title" className="font-semibold">
        {t("title")}
      </h2>
      <p className="mt-1 text-sm text-muted">{t("intro", { zone: timeZone })}</p>
      <p className="mb-5 mt-3 text-sm font-medium" data-testid="release-day-state">
        {status}
      </p>
      <ReleaseDayForm
        releaseId={release.id}
        initial={release.releaseAt ? wallClockIn(release.releaseAt, timeZone) : { date: "", time: "" }}
        tracks={tracks
          .filter((track) => track.status === "ready")
          .map((track) => ({
            id: track.id,
            title: track.title,
            position: track.position,
            available: track.preorderAvailable,
          }))}
        preorder={preorder}
        locked={release.releasedAt !== null}
        labels={{
          date: t("date"),
          time: t("time", { zone: timeZone }),
          available: t("available"),
          availableHelp: t("availableHelp"),
          clearHint: t("clearHint"),
          save: t("save"),
          releaseNow: t("releaseNow"),
          releaseNowConfirm: t("releaseNowConfirm", { title: release.title }),
          cancel: t("cancel"),
        }}
        schedule={actions.schedule}
        releaseNow={actions.releaseNow}
      />
    </section>
  );
}
