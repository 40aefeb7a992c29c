import { and, asc, eq, inArray, isNotNull, isNull, lte, or } from "drizzle-orm";
import type { DbOrTx, Tx } from "@/db/client";
import { artists, creditPurchases, giftCards, type CreditPurchase, type GiftCard } from "@/db/schema";
import { queueEmail, renderEmail } from "@/lib/email";
import { translator } from "@/lib/i18n";
import { formatMoney } from "@/lib/money";
import { enqueueGiftDelivery } from "@/lib/queue";
import { formatGiftCode, unsealGiftCode } from "./codes";
import { giftCardPageUrl, redeemCreditUrl } from "./urls";

type Issued = { card: GiftCard; pageToken: string };

/**
 * A paid gift card's mail, in the transaction that issued it: the buyer's receipt with the card
 * page (the only place the page token is ever written down), and the recipient's card now or on
 * its date (a job at that moment; the chore below catches any the queue lost).
 */
export async function afterGiftIssued(tx: Tx, purchase: CreditPurchase, issued: Issued[], now: Date) {
  const { t } = translator(purchase.locale);
  const bands = await bandNames(
    tx,
    issued.map((i) => i.card),
  );
  if (purchase.email)
    await queueEmail(
      tx,
      renderEmail({
        to: purchase.email,
        subject: t("gifts.mail.receipt.subject"),
        intro: t("gifts.mail.receipt.intro"),
        rows: issued.flatMap(({ card }) => [
          [t("gifts.mail.receipt.amount"), describeCard(purchase.locale, card, bands)],
          ...(card.recipientEmail
            ? ([[t("gifts.mail.receipt.recipient"), deliveryLine(purchase.locale, card)]] as [string, string][])
            : []),
        ]),
        action: { label: t("gifts.mail.receipt.action"), url: giftCardPageUrl(issued[0].pageToken) },
        outro: issued
          .slice(1)
          .map((i) => giftCardPageUrl(i.pageToken))
          .join("\n"),
      }),
      `gift-receipt:${purchase.id}`,
    );
  for (const { card } of issued) {
    if (!card.recipientEmail) continue;
    if (!card.deliverAt || card.deliverAt <= now) await deliverGiftCard(tx, card.id, purchase.locale, now);
    else await enqueueGiftDelivery({ cardId: card.id, locale: purchase.locale }, card.deliverAt, { tx });
  }
}

/**
 * The recipient's e-mail, once: the conditional UPDATE of delivered_at lets one caller through
 * (job, chore, both at once), and only for a card still active and due at `now`.
 */
export async function deliverGiftCard(db: DbOrTx, cardId: string, locale: string, now = new Date()): Promise<boolean> {
  const [card] = await db
    .update(giftCards)
    .set({ deliveredAt: now })
    .where(
      and(
        eq(giftCards.id, cardId),
        isNull(giftCards.deliveredAt),
        isNotNull(giftCards.recipientEmail),
        eq(giftCards.status, "active"),
        or(isNull(giftCards.deliverAt), lte(giftCards.deliverAt, now)),
      ),
    )
    .returning();
  if (!card) return false;
  const code = unsealGiftCode(card.codeSealed);
  if (!code) throw new Error(`Gift card ${card.id}: its sealed code does not open (AUTH_SECRET changed?).`);
  const { t } = translator(locale);
  const bands = await bandNames(db, [card]);
  const from = card.senderName || t("gifts.mail.delivery.someone");
  await queueEmail(
    db,
    renderEmail({
      to: card.recipientEmail!,
      subject: t("gifts.mail.delivery.subject", { from }),
      intro: [
        card.recipientName ? t("gifts.mail.delivery.hello", { name: card.recipientName }) : "",
        t("gifts.mail.delivery.intro", { from, value: describeCard(locale, card, bands) }),
        card.message ? `“${card.message}”` : "",
      ]
        .filter(Boolean)
        .join("\n\n"),
      rows: [
        [t("gifts.mail.delivery.code"), formatGiftCode(code)],
        ...(card.expiresAt
          ? ([[t("gifts.mail.delivery.validUntil"), card.expiresAt.toISOString().slice(0, 10)]] as [string, string][])
          : []),
      ],
      action: { label: t("gifts.mail.delivery.action"), url: redeemCreditUrl(code) },
      outro: t("gifts.mail.delivery.outro"),
    }),
    `gift-delivery:${card.id}`,
  );
  return true;
}

/** The chore: every card due and not yet sent (a job lost, a worker down on the day). */
export async function deliverDueGiftCards(db: DbOrTx, now = new Date()): Promise<number> {
  const due = await db
    .select({ id: giftCards.id, locale: creditPurchases.locale })
    .from(giftCards)
    .leftJoin(creditPurchases, eq(creditPurchases.id, giftCards.purchaseId))
    .where(
      and(
        isNull(giftCards.deliveredAt),
        isNotNull(giftCards.recipientEmail),
        eq(giftCards.status, "active"),
        or(isNull(giftCards.deliverAt), lte(giftCards.deliverAt, now)),
      ),
    )
    .orderBy(asc(giftCards.deliverAt))
    .limit(200);
  let sent = 0;
  for (const { id, locale } of due)
    if (await db.transaction((tx) => deliverGiftCard(tx, id, locale ?? "en", now))) sent++;
  return sent;
}

async function bandNames(db: DbOrTx, cards: Pick<GiftCard, "artistId">[]) {
  const ids = [...new Set(cards.flatMap((c) => (c.artistId ? [c.artistId] : [])))];
  if (!ids.length) return new Map<string, string>();
  const rows = await db.select({ id: artists.id, name: artists.name }).from(artists).where(inArray(artists.id, ids));
  return new Map(rows.map((r) => [r.id, r.name]));
}

/** "25,00 € to spend at any band" / "… at The Band", in the mail's language. */
export function describeCard(
  locale: string,
  card: Pick<GiftCard, "amount" | "currency" | "artistId">,
  bands: Map<string, string>,
) {
  const { t } = translator(locale);
  const amount = formatMoney(card.amount, card.currency, locale);
  return card.artistId
    ? t("gifts.scope.band", { amount, band: bands.get(card.artistId) ?? "" })
    : t("gifts.scope.platform", { amount });
}

function deliveryLine(locale: string, card: GiftCard) {
  const { t } = translator(locale);
  const date = (card.deliverAt ?? new Date()).toISOString().slice(0, 10);
  return t("gifts.mail.receipt.deliverTo", { email: card.recipientEmail!, date });
}

/** describeCard with the band's name looked up. */
export async function describeCardIn(
  db: DbOrTx,
  locale: string,
  card: Pick<GiftCard, "amount" | "currency" | "artistId">,
) {
  return describeCard(locale, card, await bandNames(db, [card]));
}
