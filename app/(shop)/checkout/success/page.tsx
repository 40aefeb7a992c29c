import { and, eq } from "drizzle-orm";
import type { Metadata } from "next";
import { getLocale, getTranslations } from "next-intl/server";
import Link from "next/link";
import { notFound } from "next/navigation";
import { Notice } from "@/components/ui/notice";
import { db } from "@/db";
import { artists, orderItems, orders, type OrderStatus } from "@/db/schema";
import { unseal } from "@/lib/crypto";
import { translator } from "@/lib/i18n";
import { DOWNLOAD_TOKEN_PURPOSE, giftPageUrl, orderRows } from "@/lib/orders";
import { downloadPageUrl } from "@/lib/orders/download-grants";
import { GiftNote } from "./gift-note";

export const metadata: Metadata = {
  title: "Thank you",
  robots: { index: false, follow: false },
  referrer: "no-referrer",
};

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/**
 * The thank-you page: it only reads. The fan arrives from /checkout/return (which asked the
 * provider and fulfilled the order if the webhook was late) and, while the payment is still
 * processing, goes back there every few seconds. The order id and its payment session id must
 * match (the session id is the secret).
 */
export default async function CheckoutSuccessPage({ searchParams }: PageProps<"/checkout/success">) {
  const query = await searchParams;
  const orderId = typeof query.order === "string" && UUID.test(query.order) ? query.order : null;
  const session = typeof query.session === "string" ? query.session : null;
  if (!orderId || !session) notFound();
  const [row] = await db
    .select({ order: orders, artist: { name: artists.name, slug: artists.slug } })
    .from(orders)
    .innerJoin(artists, eq(artists.id, orders.artistId))
    .where(and(eq(orders.id, orderId), eq(orders.providerSessionId, session)));
  if (!row) notFound();

  // A full refund closes the downloads (lib/orders/refunds.ts): the page says so instead of offering a dead link.
  const stateOf = (status: OrderStatus) =>
    status === "pending"
      ? "processing"
      : status === "canceled"
        ? "failed"
        : status === "refunded"
          ? "refunded"
          : "paid";
  // `failed`: the return handler found the payment session expired or failed while the order still waits for its expiry.
  const state =
    row.order.status === "pending" && typeof query.failed === "string" ? "failed" : stateOf(row.order.status);
  const returnUrl = `/checkout/return?order=${orderId}&session=${encodeURIComponent(session)}`;

  const { order, artist } = row;
  const [t, locale] = await Promise.all([getTranslations("checkout"), getLocale()]);
  const items = await db.select().from(orderItems).where(eq(orderItems.orderId, order.id));
  const token = order.downloadTokenSealed ? unseal(DOWNLOAD_TOKEN_PURPOSE, order.downloadTokenSealed) : null;

  return (
    <div className="mx-auto max-w-xl px-4 py-10 sm:py-16" data-testid="checkout-success">
      {state === "processing" && (
        <>
          <meta httpEquiv="refresh" content={`4;url=${returnUrl}`} />
          <h1 className="text-2xl font-semibold tracking-tight">{t("processing")}</h1>
        </>
      )}
      {state === "failed" && (
        <div className="space-y-4">
          <Notice tone="error">{t("failed")}</Notice>
          <Link
            href={`/${artist.slug}/cart`}
            className="inline-block rounded-md bg-ink px-4 py-2 text-sm font-medium text-white"
          >
            {artist.name}
          </Link>
        </div>
      )}
      {state === "refunded" && (
        <div className="space-y-4" data-testid="order-refunded">
          <h1 className="text-2xl font-semibold tracking-tight">{t("refundedTitle")}</h1>
          <Notice tone="info">{t("refundedIntro", { band: artist.name })}</Notice>
          <Link href={`/${artist.slug}`} className="inline-block text-sm underline underline-offset-2">
            {artist.name}
          </Link>
        </div>
      )}
      {state === "paid" && (
        <div className="space-y-6">
          <div>
            <h1 className="text-3xl font-semibold tracking-tight">{t("successTitle")}</h1>
            <p className="mt-2 text-muted">{t("successIntro", { band: artist.name, email: order.email ?? "" })}</p>
          </div>
          {order.gift && <GiftNote order={order} pageUrl={giftPageUrl(order.id)} />}
          {token && !order.gift && (
            <a
              href={downloadPageUrl(token)}
              className="block rounded-md bg-ink px-4 py-3 text-center font-medium text-white hover:bg-stone-700"
              data-testid="go-to-downloads"
            >
              {t("download")}
            </a>
          )}
          <table className="w-full text-sm">
            <tbody className="divide-y divide-line border-y border-line">
              {orderRows(order, items, locale, translator(locale).t).map(([label, amount], i) => (
                <tr key={i}>
                  <td className="py-2 pr-4 align-top">{label}</td>
                  <td className="whitespace-pre-line py-2 text-right tabular-nums">{amount}</td>
                </tr>
              ))}
            </tbody>
          </table>
          {order.needsShipping && <p className="text-sm">{t("successShipping", { band: artist.name })}</p>}
          <p className="text-sm text-muted">
            <Link href="/library" className="underline underline-offset-2">
              {t("library")}
            </Link>
          </p>
          <Link href={`/${artist.slug}`} className="inline-block text-sm underline underline-offset-2">
            {artist.name}
          </Link>
        </div>
      )}
    </div>
  );
}
