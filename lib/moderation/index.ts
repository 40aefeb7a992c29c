import type { Artist, Release } from "@/db/schema";

export { restoreArtist, restoreRelease, suspendArtist, takeDownRelease, type ModerationResult } from "./actions";

/** Whether fans may see and buy from the shop (a suspended one shows the neutral unavailable page). */
export const shopAvailable = (artist: Pick<Artist, "status">) => artist.status === "active";

/** Whether fans may see and buy the release: its shop is open and no operator took it down. */
export const releaseAvailable = (artist: Pick<Artist, "status">, release: Pick<Release, "takenDownAt">) =>
  shopAvailable(artist) && release.takenDownAt === null;

export {
  createReport,
  dismissReport,
  findTarget,
  getReport,
  listReports,
  REPORT_MESSAGE_MAX,
  reportLimit,
  REPORTS_PAGE,
  type ReportResult,
} from "./reports";
