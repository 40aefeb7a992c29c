import { eq } from "drizzle-orm";
import type { Metadata } from "next";
import { getLocale, getTranslations } from "next-intl/server";
import { notFound } from "next/navigation";
import QRCode from "qrcode";
import { ReleaseArtwork } from "@/components/release/release-artwork";
import { PrintButton } from "@/components/ui/print-button";
import { db } from "@/db";
import { artists, orderItems, orders, releases } from "@/db/schema";
import { releaseArtworkUrl } from "@/lib/catalog/public";
import { unseal } from "@/lib/crypto";
import { DOWNLOAD_TOKEN_PURPOSE, downloadPageUrl, giftDay, orderIdOfGiftToken } from "@/lib/orders";

export const metadata: Metadata = {
  title: "Your gift",
  robots: { index: false, follow: false },
  referrer: "no-referrer",
};

const printCss = `
@media print {
  body * { visibility: hidden; }
  #gift-card, #gift-card * { visibility: visible; }
  #gift-card { position: absolute; left: 0; top: 0; width: 100%; border: 0; box-shadow: none; }
}
#gift-card svg { width: 100%; height: 100%; }`;

/**
 * The buyer's page of an album gift, from the success page and the receipt (its signed token is
 * the key). A printed gift shows the card to hand over: artwork, message, and the download link
 * as a QR code. An e-mailed one says when it goes, without the link (it is the recipient's).
 */
export default async function GiftOrderPage({ params }: PageProps<"/gift/order/[token]">) {
  const orderId = orderIdOfGiftToken((await params).token);
  if (!orderId) notFound();
  const [row] = await db
    .select({ order: orders, band: artists.name })
    .from(orders)
    .innerJoin(artists, eq(artists.id, orders.artistId))
    .where(eq(orders.id, orderId));
  if (!row?.order.gift) notFound();
  const { order, band } = row;
  const gift = order.gift!;
  const [t, locale] = await Promise.all([getTranslations("albumGift.page"), getLocale()]);
  const [item] = await db
    .select({ title: orderItems.title, artworkKey: releases.artworkKey })
    .from(orderItems)
    .leftJoin(releases, eq(releases.id, orderItems.releaseId))
    .where(eq(orderItems.orderId, order.id))
    .limit(1);
  const title = item?.title ?? "";
  const paid = order.status === "paid" || order.status === "partially_refunded";
  const token = paid && order.downloadTokenSealed ? unseal(DOWNLOAD_TOKEN_PURPOSE, order.downloadTokenSealed) : null;
  const printed = !gift.recipientEmail;
  const link = printed && token ? downloadPageUrl(token) : null;
  const qrSvg = link ? await QRCode.toString(link, { type: "svg", margin: 0, errorCorrectionLevel: "M" }) : null;

  return (
    <div className="mx-auto max-w-xl px-4 py-10 sm:py-14" data-testid="gift-page">
      <style>{printCss}</style>
      {order.status === "refunded" && <p className="mb-6 text-sm text-amber-800">{t("refunded")}</p>}
      {order.status === "pending" && <p className="mb-6 text-sm text-muted">{t("pending")}</p>}
      {printed && link && (
        <div className="mb-6 flex flex-wrap items-center justify-between gap-3 print:hidden">
          <p className="max-w-sm text-sm text-muted">{t("printHint")}</p>
          <PrintButton label={t("print")} />
        </div>
      )}
      <article id="gift-card" className="rounded-xl border border-line bg-white p-6 shadow-sm sm:p-8">
        <p className="text-xs font-semibold uppercase tracking-widest text-muted">{t("eyebrow")}</p>
        {gift.recipientName && <p className="mt-2 text-lg">{t("forName", { name: gift.recipientName })}</p>}
        <div className="mt-5 flex items-center gap-5">
          <div className="w-28 shrink-0 sm:w-36">
            <ReleaseArtwork
              src={releaseArtworkUrl(item?.artworkKey ?? null, "medium")}
              src2x={releaseArtworkUrl(item?.artworkKey ?? null, "large")}
              alt=""
              title={title}
              className="ring-1 ring-black/5"
            />
          </div>
          <div className="min-w-0">
            <h1 className="text-2xl font-semibold tracking-tight text-balance" data-testid="gift-title">
              {title}
            </h1>
            <p className="mt-1 text-muted">{t("by", { band })}</p>
          </div>
        </div>
        {gift.message && (
          <blockquote
            className="mt-6 whitespace-pre-line border-l-2 border-stone-300 pl-4 text-base italic"
            data-testid="gift-message"
          >
            {gift.message}
          </blockquote>
        )}
        {gift.senderName && <p className="mt-3 text-sm">{t("fromName", { name: gift.senderName })}</p>}
        {qrSvg && link && (
          <div className="mt-6 flex items-center gap-5 border-t border-line pt-6">
            <div
              className="size-32 shrink-0"
              data-testid="gift-qr"
              role="img"
              aria-label={link}
              dangerouslySetInnerHTML={{ __html: qrSvg }}
            />
            <div className="min-w-0 text-sm">
              <p>{t("scan")}</p>
              <a href={link} className="mt-1 block break-all font-mono text-xs underline" data-testid="gift-link">
                {link}
              </a>
            </div>
          </div>
        )}
      </article>
      {!printed && paid && (
        <p className="mt-6 text-sm text-muted" data-testid="gift-delivery">
          {order.giftDeliveredAt
            ? t("sent", { email: gift.recipientEmail! })
            : t("scheduled", { email: gift.recipientEmail!, date: giftDay(order, locale) })}
        </p>
      )}
    </div>
  );
}
