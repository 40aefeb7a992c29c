import { and, eq, inArray, isNotNull, isNull } from "drizzle-orm";
import type { DbOrTx } from "@/db/client";
import { artists, downloadGrantItems, downloadGrants, orders, type Order, type Release } from "@/db/schema";
import { unseal } from "@/lib/crypto";
import { queueEmail, renderEmail } from "@/lib/email";
import { translator } from "@/lib/i18n";
import { DOWNLOAD_TOKEN_PURPOSE, downloadPageUrl } from "@/lib/orders";
import { momentText } from "@/lib/time-zone";

/** Orders whose downloads still stand: paid, or refunded in part. */
const HOLDING = ["paid", "partially_refunded"] as const;

type Buyer = { order: Order; to: string; url: string };

/**
 * Everyone who bought this release before it came out, through any order that grants it (the
 * album, a track of it, a CD linked to it), with the address their downloads go to and their
 * download page. A gift goes to its recipient once delivered; until then the gift's own mail
 * brings the link (a printed gift has no address: its buyer hands it over).
 */
export async function preorderBuyers(db: DbOrTx, releaseId: string): Promise<Buyer[]> {
  const rows = await db
    .selectDistinctOn([orders.id], { order: orders })
    .from(downloadGrantItems)
    .innerJoin(downloadGrants, eq(downloadGrants.id, downloadGrantItems.grantId))
    .innerJoin(orders, eq(orders.id, downloadGrants.orderId))
    .where(
      and(
        eq(downloadGrantItems.releaseId, releaseId),
        isNull(downloadGrants.revokedAt),
        inArray(orders.status, [...HOLDING]),
        isNotNull(orders.downloadTokenSealed),
      ),
    )
    .orderBy(orders.id);
  const buyers: Buyer[] = [];
  for (const { order } of rows) {
    const to = order.gift ? (order.giftDeliveredAt ? order.gift.recipientEmail : null) : order.email;
    const token = unseal(DOWNLOAD_TOKEN_PURPOSE, order.downloadTokenSealed!);
    if (to && token) buyers.push({ order, to, url: downloadPageUrl(token) });
  }
  return buyers;
}

async function bandOf(db: DbOrTx, release: Pick<Release, "artistId">) {
  const [artist] = await db
    .select({ name: artists.name, timeZone: artists.timeZone })
    .from(artists)
    .where(eq(artists.id, release.artistId));
  return artist;
}

/** Release day, in markReleased's transaction: each buyer's "it's out" mail, once per order ever. */
export async function queueReleasedMails(tx: DbOrTx, release: Release): Promise<number> {
  const band = await bandOf(tx, release);
  let queued = 0;
  for (const buyer of await preorderBuyers(tx, release.id)) {
    const { t } = translator(buyer.order.locale);
    const words = { title: release.title, band: band.name };
    const fresh = await queueEmail(
      tx,
      renderEmail({
        to: buyer.to,
        subject: t("releaseDay.email.outSubject", words),
        intro: t("releaseDay.email.outIntro", words),
        action: { label: t("releaseDay.email.download"), url: buyer.url },
        outro: t("releaseDay.email.outOutro"),
      }),
      `release-day:${release.id}:${buyer.order.id}`,
    );
    if (fresh) queued++;
  }
  return queued;
}

/** A pre-order's date moved: each buyer is told the new moment, once per change (`changeId`). */
export async function queueDateMovedMails(tx: DbOrTx, release: Release, changeId: string): Promise<number> {
  if (!release.releaseAt) return 0;
  const band = await bandOf(tx, release);
  let queued = 0;
  for (const buyer of await preorderBuyers(tx, release.id)) {
    const { t } = translator(buyer.order.locale);
    const words = {
      title: release.title,
      band: band.name,
      date: momentText(release.releaseAt, buyer.order.locale, band.timeZone),
    };
    const fresh = await queueEmail(
      tx,
      renderEmail({
        to: buyer.to,
        subject: t("releaseDay.email.movedSubject", words),
        intro: t("releaseDay.email.movedIntro", words),
        action: { label: t("releaseDay.email.downloadNow"), url: buyer.url },
        outro: t("releaseDay.email.movedOutro"),
      }),
      `release-moved:${release.id}:${changeId}:${buyer.order.id}`,
    );
    if (fresh) queued++;
  }
  return queued;
}
