/** The band's figures: periods, headline totals, the chart's series and the breakdowns, all computed in SQL. */
export {
  parsePeriod,
  periodOrDefault,
  bucketFor,
  localDay,
  startOfLocalDay,
  PERIOD_PRESETS,
  MAX_DAYS,
  type Period,
  type PeriodPreset,
  type PeriodResult,
  type Bucket,
} from "./period";
export { getActivity, type Activity } from "./activity";
export { getOverview, type Overview, type PeriodTotals, type CurrencyTotals } from "./overview";
export { getSeries, type Series, type SeriesPoint } from "./series";
export { salesByRelease, salesByFormat, byCountry, bySource, playsByTrack, type TrackPlays } from "./breakdowns";
export type { BreakdownRow } from "./rows";
export { bandVatByQuarter, type BandVatRow } from "./vat";
