export { getBandForOperator, type OperatorBand } from "./band";
export { encodeCursor, listBands, PAGE_SIZE, type ArtistStatus, type BandFilter, type BandRow } from "./bands";
export { jobOverview, retryJob, type FailedJob, type QueueCounts } from "./jobs";
export { listPaymentEvents, replayPaymentEvent, type PaymentEventRow, type ReplayResult } from "./payment-events";
export { changePlanByOperator, type ChangePlanResult } from "./plan";
export {
  MAX_RANGE_DAYS,
  platformRevenue,
  revenueTotals,
  withEmptyPeriods,
  type Bucket,
  type RevenueRange,
  type RevenueRow,
} from "./revenue";
export {
  MAX_FEE_BASIS_POINTS,
  MAX_CARD_VALIDITY_MONTHS,
  MAX_PRO_PRICE,
  parseCardValidity,
  settingsSchema,
  updateCardValidity,
  updatePlatformSettings,
  type CardValidityInput,
  type SettingsField,
} from "./settings";
export {
  ossCsv,
  ossReturn,
  ossTotals,
  parseQuarter,
  quarterLabel,
  quarterOf,
  quarterRange,
  recentQuarters,
  type OssRow,
  type Quarter,
} from "./vat-oss";
export { creditReport, type CreditReport } from "./credit";
