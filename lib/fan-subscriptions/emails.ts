import { eq } from "drizzle-orm";
import type { Tx } from "@/db/client";
import { artists, type FanSubscription } from "@/db/schema";
import { queueEmail, renderEmail } from "@/lib/email";
import { env } from "@/lib/env";
import { translator } from "@/lib/i18n";

export type FanNotice = "welcome" | "renewalFailed" | "ended";

/**
 * Tells the fan, in the language they subscribed in, inside the transaction of the change: the
 * dedupe key makes a replayed event or a chore run twice mail once. Not a newsletter (it is about
 * the fan's own subscription), so no List-Unsubscribe.
 */
export async function notifyFan(tx: Tx, sub: FanSubscription, what: FanNotice, dedupeKey: string) {
  const [artist] = await tx.select({ name: artists.name }).from(artists).where(eq(artists.id, sub.artistId));
  if (!artist) return false;
  const { t, locale } = translator(sub.locale);
  const day = (d: Date | null) =>
    d ? new Intl.DateTimeFormat(locale, { dateStyle: "long", timeZone: "UTC" }).format(d) : "";
  const values = { band: artist.name, date: day(what === "renewalFailed" ? sub.graceEndsAt : sub.currentPeriodEnd) };
  return queueEmail(
    tx,
    renderEmail({
      to: sub.email,
      subject: t(`fanSubs.emails.${what}.subject`, values),
      intro: t(`fanSubs.emails.${what}.intro`, values),
      action: { label: t("fanSubs.emails.action"), url: new URL("/library", env().APP_URL).toString() },
      outro: t("fanSubs.emails.outro"),
    }),
    dedupeKey,
  );
}
