import { randomBytes } from "node:crypto";
import { and, asc, eq, isNull, like } from "drizzle-orm";
import { expect } from "vitest";
import type { Db } from "@/db/client";
import {
  artists,
  downloadGrantItems,
  downloadGrants,
  emailQueue,
  fanSubscriptionInvoices,
  fanSubscriptions,
  releases,
  subscriptionOffers,
} from "@/db/schema";
import { releaseIfDue } from "@/lib/release-day/released";
import { makeArtist, makeUser, unique } from "./factories";

const DAY = 86_400_000;

/** A band with an owner, one release out last month, and an offer that is on (5.00 a month, 48.00 a year). */
export async function makeSubscriptionBand(
  db: Db,
  options: { backCatalogue?: boolean; account?: boolean; plan?: "free" | "pro" } = {},
) {
  const owner = await makeUser(db);
  // Pro unless told: a Free shop lists one published release (publishNow then publishes unlisted ones).
  let artist = await makeArtist(db, owner.id, { plan: options.plan ?? "pro" });
  if (options.account) {
    [artist] = await db
      .update(artists)
      .set({ payoutAccountId: `acct_test_${randomBytes(6).toString("hex")}`, payoutStatus: "active" })
      .where(eq(artists.id, artist.id))
      .returning();
  }
  const [old] = await db
    .insert(releases)
    .values({
      artistId: artist.id,
      slug: "old-one",
      title: "Old One",
      status: "published",
      publishedAt: new Date(Date.now() - 30 * DAY),
      releasedAt: new Date(Date.now() - 30 * DAY),
    })
    .returning();
  await db.insert(subscriptionOffers).values({
    artistId: artist.id,
    currency: artist.currency,
    monthlyAmount: 500,
    yearlyAmount: 4800,
    backCatalogue: options.backCatalogue ?? false,
    active: true,
  });
  return { owner, artist, old, actor: { kind: "member" as const, userId: owner.id, email: owner.email } };
}

export const fanEmail = () => `${unique("subscriber")}@example.test`;

/** The band publishes a release now, as the dashboard does: published, then releaseIfDue (markReleased). */
export async function publishNow(db: Db, artistId: string, title = unique("Release"), listed = true) {
  const [release] = await db
    .insert(releases)
    .values({
      artistId,
      slug: title.toLowerCase().replace(/[^a-z0-9]+/g, "-"),
      title,
      status: "published",
      publishedAt: new Date(),
      listed,
    })
    .returning();
  expect(await releaseIfDue(db, release.id)).not.toBeNull();
  return release;
}

/** The titles a subscription's grant opens, alphabetically. */
export async function grantedTitles(db: Db, subscriptionId: string) {
  const rows = await db
    .select({ title: releases.title })
    .from(downloadGrants)
    .innerJoin(downloadGrantItems, eq(downloadGrantItems.grantId, downloadGrants.id))
    .innerJoin(releases, eq(releases.id, downloadGrantItems.releaseId))
    .where(and(eq(downloadGrants.fanSubscriptionId, subscriptionId), isNull(downloadGrantItems.trackId)))
    .orderBy(asc(releases.title));
  return rows.map((r) => r.title);
}

/** Everything the lifecycle writes about one subscription, to compare before and after a replay. */
export async function subscriptionTrail(db: Db, subscriptionId: string) {
  const [row] = await db.select().from(fanSubscriptions).where(eq(fanSubscriptions.id, subscriptionId));
  const { lastEventAt: _lastEventAt, updatedAt: _updatedAt, ...sub } = row;
  const invoices = await db
    .select({
      id: fanSubscriptionInvoices.providerInvoiceId,
      status: fanSubscriptionInvoices.status,
      amount: fanSubscriptionInvoices.amount,
      fee: fanSubscriptionInvoices.feeAmount,
    })
    .from(fanSubscriptionInvoices)
    .where(eq(fanSubscriptionInvoices.subscriptionId, subscriptionId))
    .orderBy(asc(fanSubscriptionInvoices.createdAt));
  const grants = await db
    .select({ id: downloadGrants.id })
    .from(downloadGrants)
    .where(eq(downloadGrants.fanSubscriptionId, subscriptionId));
  const mails = (
    await db
      .select({ key: emailQueue.dedupeKey })
      .from(emailQueue)
      .where(like(emailQueue.dedupeKey, `fan-subs:%:${subscriptionId}%`))
  )
    .map((m) => m.key.split(":")[1])
    .sort();
  return { sub, invoices, grants: grants.length, titles: await grantedTitles(db, subscriptionId), mails };
}
