import { getTranslations } from "next-intl/server";
import { db } from "@/db";
import { countryName } from "@/lib/countries";
import {
  byCountry,
  bySource,
  getOverview,
  getSeries,
  playsByTrack,
  salesByFormat,
  salesByRelease,
  type BreakdownRow,
  type Period,
} from "@/lib/stats";
import { BreakdownTable } from "./breakdown-table";
import { Figures } from "./figures";
import { TrackPlaysTable } from "./track-plays";
import { TrendCharts } from "./trend-charts";

/**
 * Every figure of the overview for a band whose membership the page has checked: the widgets'
 * queries run side by side, each scoped to `artistId`.
 */
export async function StatsOverview({
  artistId,
  period,
  locale,
}: {
  artistId: string;
  period: Period;
  locale: string;
}) {
  const [t, overview, series, releases, formats, countries, sources, tracks] = await Promise.all([
    getTranslations("stats"),
    getOverview(db, artistId, period),
    getSeries(db, artistId, period),
    salesByRelease(db, artistId, period),
    salesByFormat(db, artistId, period),
    byCountry(db, artistId, period),
    bySource(db, artistId, period),
    playsByTrack(db, artistId, period),
  ]);
  const country = (row: BreakdownRow) =>
    row.key ? `${countryName(row.key, locale)} (${row.key})` : t("breakdowns.unknownCountry");
  const source = (row: BreakdownRow) =>
    row.key === "embed"
      ? row.host
        ? t("breakdowns.sources.embed", { host: row.host })
        : t("breakdowns.sources.unknownHost")
      : t(`breakdowns.sources.${row.key as "shop" | "code" | "direct"}`);
  const bucket = t(`chart.bucket.${period.bucket}`);
  return (
    <div className="space-y-6">
      <Figures overview={overview} locale={locale} />
      <TrendCharts
        points={series.points}
        currencies={series.currencies}
        bucket={series.bucket}
        locale={locale}
        labels={{
          sales: t("chart.sales", { bucket }),
          plays: t("chart.plays", { bucket }),
          playsSeries: t("chart.playsSeries"),
          ordersSeries: t("chart.ordersSeries"),
        }}
      />
      <div className="grid gap-6 xl:grid-cols-2">
        <BreakdownTable
          id="release"
          title={t("breakdowns.release")}
          note={t("breakdowns.itemAmounts")}
          rows={releases}
          label={(r) => r.label}
          measure="units"
          locale={locale}
        />
        <BreakdownTable
          id="format"
          title={t("breakdowns.format")}
          note={t("breakdowns.itemAmounts")}
          rows={formats}
          label={(r) => t(`breakdowns.formats.${r.key as "album" | "track" | "physical" | "free"}`)}
          measure="units"
          locale={locale}
        />
        <BreakdownTable
          id="source"
          title={t("breakdowns.source")}
          note={t("breakdowns.netAmounts")}
          rows={sources}
          label={source}
          measure="plays"
          locale={locale}
        />
        <BreakdownTable
          id="country"
          title={t("breakdowns.country")}
          note={t("breakdowns.netAmounts")}
          rows={countries}
          label={country}
          measure="plays"
          locale={locale}
        />
      </div>
      <TrackPlaysTable rows={tracks} locale={locale} />
    </div>
  );
}
