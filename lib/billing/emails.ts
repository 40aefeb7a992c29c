import { and, eq } from "drizzle-orm";
import type { Tx } from "@/db/client";
import { artistMembers, artists, users, type PlanSubscription } from "@/db/schema";
import { queueEmail, renderEmail } from "@/lib/email";
import { env } from "@/lib/env";
import { translator } from "@/lib/i18n";

export type BillingNotice = "paymentFailed" | "graceEnding" | "downgraded" | "ended";

/**
 * Tells every owner (they alone can pay) in their own language, inside the transaction of the
 * change: the dedupe key makes a replayed event or a chore run twice mail once.
 */
/** Returns how many messages were queued now (0 when this notice went out already). */
export async function notifyOwners(tx: Tx, sub: PlanSubscription, what: BillingNotice, dedupeKey: string) {
  let queued = 0;
  const [artist] = await tx
    .select({ name: artists.name, slug: artists.slug })
    .from(artists)
    .where(eq(artists.id, sub.artistId));
  if (!artist) return 0;
  const owners = await tx
    .select({ email: users.email, locale: users.locale })
    .from(artistMembers)
    .innerJoin(users, eq(users.id, artistMembers.userId))
    .where(and(eq(artistMembers.artistId, sub.artistId), eq(artistMembers.role, "owner")));
  const url = `${env().APP_URL}/dashboard/${encodeURIComponent(artist.slug)}/plan`;
  for (const owner of owners) {
    const { t, locale } = translator(owner.locale);
    const date = sub.graceEndsAt
      ? new Intl.DateTimeFormat(locale, { dateStyle: "long", timeZone: "UTC" }).format(sub.graceEndsAt)
      : "";
    const values = { band: artist.name, date };
    const fresh = await queueEmail(
      tx,
      renderEmail({
        to: owner.email,
        subject: t(`billing.emails.${what}.subject`, values),
        intro: t(`billing.emails.${what}.intro`, values),
        action: { label: t(`billing.emails.${what}.action`), url },
        outro: t("billing.emails.outro"),
      }),
      `${dedupeKey}:${owner.email}`,
    );
    if (fresh) queued++;
  }
  return queued;
}
