import { desc, eq } from "drizzle-orm";
import type { DbOrTx } from "@/db/client";
import { artistMembers, artists, orders, planSubscriptions, releases, users } from "@/db/schema";
import { listAudit } from "@/lib/audit";

/** Everything the console's band page shows, in one round of queries; null for an unknown id. */
export async function getBandForOperator(db: DbOrTx, artistId: string) {
  const [artist] = await db.select().from(artists).where(eq(artists.id, artistId));
  if (!artist) return null;
  const [members, subscription, releaseRows, recentOrders, audit] = await Promise.all([
    db
      .select({ userId: users.id, email: users.email, name: users.name, role: artistMembers.role })
      .from(artistMembers)
      .innerJoin(users, eq(users.id, artistMembers.userId))
      .where(eq(artistMembers.artistId, artistId))
      .orderBy(artistMembers.role, users.email),
    db
      .select()
      .from(planSubscriptions)
      .where(eq(planSubscriptions.artistId, artistId))
      .orderBy(desc(planSubscriptions.createdAt))
      .limit(1)
      .then((rows) => rows[0] ?? null),
    db
      .select({
        id: releases.id,
        slug: releases.slug,
        title: releases.title,
        status: releases.status,
        listed: releases.listed,
        takenDownAt: releases.takenDownAt,
        takedownReason: releases.takedownReason,
      })
      .from(releases)
      .where(eq(releases.artistId, artistId))
      .orderBy(desc(releases.createdAt)),
    db
      .select({
        id: orders.id,
        status: orders.status,
        email: orders.email,
        total: orders.total,
        refundedAmount: orders.refundedAmount,
        platformFee: orders.platformFee,
        currency: orders.currency,
        provider: orders.provider,
        createdAt: orders.createdAt,
        paidAt: orders.paidAt,
      })
      .from(orders)
      .where(eq(orders.artistId, artistId))
      .orderBy(desc(orders.createdAt))
      .limit(20),
    listAudit(db, { artistId, limit: 50 }),
  ]);
  return { artist, members, subscription, releases: releaseRows, recentOrders, audit };
}

export type OperatorBand = NonNullable<Awaited<ReturnType<typeof getBandForOperator>>>;
