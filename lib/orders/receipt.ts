import { eq } from "drizzle-orm";
import type { DbOrTx } from "@/db/client";
import { artistMembers, artists, users, type Order, type OrderItem, type ShippingAddress } from "@/db/schema";
import { countryName } from "@/lib/countries";
import { queueEmail, renderEmail } from "@/lib/email";
import { env } from "@/lib/env";
import { liveSubscriberForOrder, unsubscribeUrl } from "@/lib/fans";
import { backOfficeLocale, translator } from "@/lib/i18n";
import { formatMoney } from "@/lib/money";
import { formatRate } from "@/lib/vat";
import { giftReceiptNote } from "./gift-receipt";

export function formatAddress(address: ShippingAddress, locale: string): string {
  const country = address.country ? countryName(address.country, locale) : "";
  return [
    address.name,
    address.line1,
    address.line2,
    `${address.postalCode} ${address.city}`.trim(),
    address.state,
    country,
  ]
    .filter(Boolean)
    .join("\n");
}

function itemLabel(item: OrderItem) {
  const quantity = item.quantity > 1 ? `${item.quantity} × ` : "";
  return `${quantity}${item.title}${item.optionLabel ? ` (${item.optionLabel})` : ""}`;
}

/** The lines and totals shown on both e-mails (and the same figures as the dashboard). */
export function orderRows(
  order: Order,
  items: OrderItem[],
  locale: string,
  t: ReturnType<typeof translator>["t"],
): [string, string][] {
  const money = (amount: number) => formatMoney(amount, order.currency, locale);
  const rows: [string, string][] = items.map((item) => [itemLabel(item), money(item.unitAmount * item.quantity)]);
  if (order.shipping) rows.push([t("orderEmail.shipping"), money(order.shipping)]);
  if (order.discount) rows.push([t("orderEmail.discount"), `−${money(order.discount)}`]);
  rows.push([t("orderEmail.total"), money(order.total)]);
  if (order.creditAmount) rows.push([t("orderEmail.fromBalance"), money(order.creditAmount)]);
  // Prices include VAT: it is part of the total, not added to it. One rate when one applies.
  if (order.tax)
    rows.push([
      order.vatSeller === 0 && order.vatRateBasisPoints
        ? t("orderEmail.vatIncluded", { rate: formatRate(order.vatRateBasisPoints, locale) })
        : t("orderEmail.tax"),
      money(order.tax),
    ]);
  if (order.shippingAddress) rows.push([t("orderEmail.shipTo"), formatAddress(order.shippingAddress, locale)]);
  return rows;
}

/**
 * Subscribed buyers get a way out under every mail that reaches them through the band (the
 * List-Unsubscribe header is added when the mail is sent: lib/email/list-unsubscribe.ts).
 */
async function unsubscribeLine(tx: DbOrTx, order: Order, t: ReturnType<typeof translator>["t"]) {
  const fan = await liveSubscriberForOrder(tx, order.id);
  return fan ? t("bandops.emails.unsubscribe", { url: unsubscribeUrl(fan) }) : "";
}

/** The fan's receipt alone; `dedupeKey` differs when the band sends it again from the dashboard. */
export async function queueReceipt(
  tx: DbOrTx,
  order: Order,
  items: OrderItem[],
  downloadUrl: string | null,
  dedupeKey: string,
) {
  if (!order.email) return false;
  const [artist] = await tx.select().from(artists).where(eq(artists.id, order.artistId)).limit(1);
  const library = new URL("/library", env().APP_URL).toString();
  const { locale, t } = translator(order.locale);
  // A gift's buyer gets the gift's page (when and to whom, or the card to print), never its download link.
  const gift = giftReceiptNote(order, locale, t);
  const action =
    gift?.action ?? (downloadUrl ? { label: t("orderEmail.receipt.download"), url: downloadUrl } : undefined);
  return queueEmail(
    tx,
    renderEmail({
      to: order.email,
      subject: t("orderEmail.receipt.subject", { band: artist.name }),
      intro: t(order.total === 0 ? "orderEmail.receipt.introFree" : "orderEmail.receipt.intro", { band: artist.name }),
      rows: orderRows(order, items, locale, t),
      action,
      outro: [
        gift?.text ?? "",
        order.needsShipping ? t("orderEmail.receipt.shippingNote", { band: artist.name }) : "",
        downloadUrl && !gift ? t("orderEmail.receipt.library", { url: library }) : "",
        t("orderEmail.receipt.reference", { id: order.id.slice(0, 8) }),
        await unsubscribeLine(tx, order, t),
      ]
        .filter(Boolean)
        .join("\n\n"),
    }),
    dedupeKey,
  );
}

/**
 * The fan's receipt and the band's notice, queued inside the fulfilment transaction. Their dedupe
 * keys make a replayed fulfilment (it cannot happen, but) mail nobody twice.
 */
export async function queueOrderEmails(tx: DbOrTx, order: Order, items: OrderItem[], downloadUrl: string | null) {
  const [artist] = await tx.select().from(artists).where(eq(artists.id, order.artistId)).limit(1);
  await queueReceipt(tx, order, items, downloadUrl, `receipt:${order.id}`);
  const members = await tx
    .select({ email: users.email, locale: users.locale })
    .from(artistMembers)
    .innerJoin(users, eq(users.id, artistMembers.userId))
    .where(eq(artistMembers.artistId, order.artistId));
  const dashboard = new URL(`/dashboard/${artist.slug}/orders/${order.id}`, env().APP_URL).toString();
  for (const member of members) {
    // The band's notice is back office: English or French, even if a member's stored language is a fan one.
    const { locale, t } = translator(backOfficeLocale(member.locale));
    await queueEmail(
      tx,
      renderEmail({
        to: member.email,
        subject: t(order.needsShipping ? "orderEmail.notice.subjectShip" : "orderEmail.notice.subject", {
          total: formatMoney(order.total, order.currency, locale),
        }),
        intro: t("orderEmail.notice.intro", { band: artist.name, buyer: order.email ?? "—" }),
        rows: orderRows(order, items, locale, t),
        action: { label: t("orderEmail.notice.action"), url: dashboard },
      }),
      `notice:${order.id}:${member.email}`,
    );
  }
}
