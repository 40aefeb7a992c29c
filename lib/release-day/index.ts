export { markReleased, releaseDueReleases, releaseIfDue, runReleaseJob } from "./released";
export { preorderBuyers } from "./buyers";
export {
  MAX_SCHEDULE_DAYS,
  releaseNow,
  scheduleRelease,
  type ReleaseNowResult,
  type ScheduleError,
  type ScheduleInput,
  type ScheduleResult,
} from "./schedule";
export { preorderShipDates } from "./ships-from";
