import { eq, like } from "drizzle-orm";
import type { Db } from "@/db/client";
import { artists, auditLog, emailQueue, planInvoices, planSubscriptions, releases } from "@/db/schema";
import { makeArtist, makeUser } from "./factories";

/**
 * A Free band with an owner and two published, listed releases (Free keeps one listed after a
 * downgrade): listed while the band was Pro, as a band that published them before plans existed.
 */
export async function makeBillingBand(db: Db) {
  const owner = await makeUser(db);
  const artist = await makeArtist(db, owner.id, { plan: "pro" });
  const day = 86_400_000;
  await db.insert(releases).values([
    {
      artistId: artist.id,
      slug: "older",
      title: "Older",
      status: "published",
      publishedAt: new Date(Date.now() - 2 * day),
    },
    {
      artistId: artist.id,
      slug: "newer",
      title: "Newer",
      status: "published",
      publishedAt: new Date(Date.now() - day),
    },
  ]);
  await db.update(artists).set({ plan: "free" }).where(eq(artists.id, artist.id));
  artist.plan = "free";
  return { owner, artist, actor: { kind: "member" as const, userId: owner.id, email: owner.email } };
}

/** Everything billing could have written about one band, to compare before and after a replay. */
export async function billingTrail(db: Db, artistId: string) {
  const [artist] = await db.select().from(artists).where(eq(artists.id, artistId));
  // lastEventAt is bookkeeping: the same facts resent under a new event id may move it, nothing else.
  const subscriptions = (await db.select().from(planSubscriptions).where(eq(planSubscriptions.artistId, artistId))).map(
    ({ lastEventAt: _lastEventAt, ...row }) => row,
  );
  const invoices = await db
    .select({ id: planInvoices.providerInvoiceId, status: planInvoices.status, periodEnd: planInvoices.periodEnd })
    .from(planInvoices)
    .where(eq(planInvoices.artistId, artistId))
    .orderBy(planInvoices.createdAt);
  const audit = await db
    .select({ action: auditLog.action, actor: auditLog.actorKind })
    .from(auditLog)
    .where(eq(auditLog.artistId, artistId))
    .orderBy(auditLog.createdAt);
  const emails = (
    await db.select({ key: emailQueue.dedupeKey }).from(emailQueue).where(like(emailQueue.dedupeKey, `billing:%`))
  )
    .map((e) => e.key)
    .filter((key) => subscriptions.some((s) => key.includes(s.id)))
    .sort();
  const listed = (
    await db
      .select({ slug: releases.slug, listed: releases.listed })
      .from(releases)
      .where(eq(releases.artistId, artistId))
  )
    .filter((r) => r.listed)
    .map((r) => r.slug)
    .sort();
  return { plan: artist.plan, subscriptions, invoices, audit, emails, listed };
}
