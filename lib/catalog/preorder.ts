import type { Release, Track } from "@/db/schema";

export type ReleaseDay = Pick<Release, "status" | "releaseAt" | "releasedAt">;

/**
 * Published with a release moment set and not yet released (issue 19): the page is public and
 * sells, as a pre-order, until the release job sets releasedAt (lib/release-day). A release with
 * no releaseAt is out as soon as it is published, so rows written before release day existed, or
 * by tests that insert "published" directly, are never pre-orders.
 */
export function isPreorder(release: ReleaseDay): boolean {
  return release.status === "published" && release.releaseAt !== null && release.releasedAt === null;
}

/** A track a pre-order keeps back until release day: neither streamed nor downloaded by anyone. */
export function trackLocked(release: ReleaseDay, track: Pick<Track, "preorderAvailable">): boolean {
  return isPreorder(release) && !track.preorderAvailable;
}
