import { getLocale, getTranslations } from "next-intl/server";
import Link from "next/link";
import { notFound } from "next/navigation";
import {
  markShippedAction,
  refundOrderAction,
  resendReceiptAction,
} from "@/app/(dashboard)/dashboard/[artist]/orders/actions";
import { referenceTitle } from "@/app/(dashboard)/dashboard/[artist]/page-title";
import { StatusBadge, ToShipBadge } from "@/components/dashboard/orders/order-badges";
import { RefundForm } from "@/components/dashboard/orders/refund-form";
import { ResendReceiptForm } from "@/components/dashboard/orders/resend-receipt-form";
import { ShipForm } from "@/components/dashboard/orders/ship-form";
import { DocumentLinks } from "@/components/documents/document-links";
import { db } from "@/db";
import { getOrderForArtist } from "@/db/queries/orders";
import { SOLD_ORDER_STATUSES } from "@/db/schema";
import { requireArtistMember } from "@/lib/artists/guard";
import { countryName } from "@/lib/countries";
import { documentLinksFor } from "@/lib/documents";
import { formatMoney } from "@/lib/money";
import { formatAddress } from "@/lib/orders/receipt";
import { KNOWN_CARRIERS, trackingUrl } from "@/lib/orders/tracking";
import { preorderShipDates } from "@/lib/release-day";
import { formatRate } from "@/lib/vat";
import { OrderGiftNote } from "./gift-note";

export async function generateMetadata({ params }: PageProps<"/dashboard/[artist]/orders/[orderId]">) {
  return referenceTitle("order", (await params).orderId);
}

export default async function OrderPage({ params }: PageProps<"/dashboard/[artist]/orders/[orderId]">) {
  const { artist: slug, orderId } = await params;
  const { artist } = await requireArtistMember({ slug });
  // Another band's order (even one this user also runs) is not found under this band's URL.
  const order = await getOrderForArtist(db, artist.id, orderId);
  if (!order) notFound();
  const [t, tb, locale, documents, shipDates, tday] = await Promise.all([
    getTranslations("selling.orders"),
    getTranslations("bandops.orders"),
    getLocale(),
    documentLinksFor(db, [order.id]),
    preorderShipDates(
      db,
      order.items.map((i) => i.productId),
    ),
    getTranslations("releaseDayEditor"),
  ]);
  const money = (amount: number) => formatMoney(amount, order.currency, locale);
  const day = new Intl.DateTimeFormat(locale, { dateStyle: "long" });
  const percent = new Intl.NumberFormat(locale, { style: "percent", maximumFractionDigits: 2 });
  const sold = order.provider !== "free" && order.provider !== "code";
  const when = new Intl.DateTimeFormat(locale, { dateStyle: "long", timeStyle: "short" });
  const buyerCountry = order.buyerCountry ? countryName(order.buyerCountry, locale) : null;
  const shippable = order.status === "paid" || order.status === "partially_refunded";
  const physical = order.items.filter((i) => i.kind === "product");
  const label = (i: (typeof order.items)[number]) =>
    `${i.quantity > 1 ? `${i.quantity} × ` : ""}${i.title}${i.optionLabel ? ` (${i.optionLabel})` : ""}`;
  const refundable = order.provider !== "free" && SOLD_ORDER_STATUSES.includes(order.status) && order.total > 0;
  const amounts: [string, string][] = [
    [t("subtotal"), money(order.subtotal)],
    ...(order.shipping ? [[t("shippingCost"), money(order.shipping)] as [string, string]] : []),
    ...(order.discount ? [[t("discount"), `−${money(order.discount)}`] as [string, string]] : []),
    [t("total"), money(order.total)],
    // Part paid from the fan's Merchtable balance: a sale like any other, its share reaches the band by transfer.
    ...(order.creditAmount ? [[t("paidByCredit"), money(order.creditAmount)] as [string, string]] : []),
    // Prices include VAT: what the platform owes for downloads comes out of the total, the band's stays in its share.
    ...(order.vatPlatform
      ? [
          [
            t("vatPlatform", {
              rate: formatRate(order.vatRateBasisPoints, locale),
              country: order.vatCountry ? countryName(order.vatCountry, locale) : "",
            }),
            `−${money(order.vatPlatform)}`,
          ] as [string, string],
        ]
      : []),
    ...(order.vatSeller ? [[t("vatSeller"), money(order.vatSeller)] as [string, string]] : []),
    ...(order.refundedAmount ? [[t("refunded"), `−${money(order.refundedAmount)}`] as [string, string]] : []),
    // The rate stamped at sale time (the band's plan then), shown even at 0 % so a Pro band sees it pays nothing.
    ...(sold && order.total > 0
      ? [
          [
            t("platformFee", { rate: percent.format(order.feeBasisPoints / 10_000) }),
            `−${money(order.platformFee)}`,
          ] as [string, string],
          [t("bandShare"), money(order.total - order.vatPlatform - order.platformFee)] as [string, string],
        ]
      : []),
  ];
  return (
    <div className="space-y-6">
      <Link href={`/dashboard/${artist.slug}/orders`} className="text-sm text-muted hover:underline">
        ← {t("back")}
      </Link>
      <div className="flex flex-wrap items-start justify-between gap-3">
        <div>
          <h1 className="text-2xl font-semibold tracking-tight" data-testid="order-title">
            {t("orderTitle", { date: day.format(order.paidAt ?? order.createdAt) })}
          </h1>
          <p className="mt-1 text-sm text-muted">{t("reference", { id: order.id.slice(0, 8) })}</p>
          <div className="mt-2 text-muted">
            <DocumentLinks
              base={`/dashboard/${artist.slug}/orders/${order.id}/documents`}
              links={documents.get(order.id)}
            />
          </div>
        </div>
        <div className="flex flex-wrap items-center gap-2" data-testid="order-status">
          {physical.length > 0 && (
            <Link
              href={`/dashboard/${artist.slug}/orders/${order.id}/packing-slip`}
              className="rounded-md border border-stone-300 bg-white px-3 py-1.5 text-sm hover:bg-stone-50"
            >
              {tb("packingSlip")}
            </Link>
          )}
          <StatusBadge status={order.status} label={t(`statuses.${order.status}`)} />
          {order.toShip && <ToShipBadge label={t("toShip")} />}
        </div>
      </div>

      <div className="grid gap-6 lg:grid-cols-2">
        <section className="rounded-lg border border-line bg-white p-6 text-sm">
          <h2 className="mb-3 font-semibold">{t("buyerTitle")}</h2>
          <p className="break-all">{order.email ?? <span className="text-muted">{t("noEmail")}</span>}</p>
          {buyerCountry && <p className="mt-1 text-muted">{t("country", { country: buyerCountry })}</p>}
          {order.paidAt && <p className="mt-1 text-muted">{t("paidOn", { date: when.format(order.paidAt) })}</p>}
          <p className="mt-1 text-muted">
            {order.provider === "code"
              ? tb("redeemedCode")
              : t("paidWith", { provider: t(`providers.${order.provider}`) })}
          </p>
          <p className="mt-1 text-muted">
            {t("source", { source: order.sourceHost ? `${order.source} (${order.sourceHost})` : order.source })}
          </p>
          <OrderGiftNote order={order} />
        </section>
        <section className="rounded-lg border border-line bg-white p-6 text-sm">
          <h2 className="mb-3 font-semibold">{t("address")}</h2>
          {order.shippingAddress ? (
            <p className="whitespace-pre-line" data-testid="order-address">
              {formatAddress(order.shippingAddress, locale)}
            </p>
          ) : (
            <p className="text-muted">{t("noAddress")}</p>
          )}
        </section>
      </div>

      <section className="rounded-lg border border-line bg-white">
        <h2 className="border-b border-line px-6 py-4 font-semibold">{t("itemsTitle")}</h2>
        <ul className="divide-y divide-line text-sm" data-testid="order-items">
          {order.items.map((item) => (
            <li key={item.id} className="flex flex-wrap items-baseline justify-between gap-x-4 gap-y-1 px-6 py-3">
              <span className="min-w-0">
                <span className="font-medium">{item.title}</span>
                {item.optionLabel && <span> ({item.optionLabel})</span>}
                <span className="text-muted"> {t("quantity", { count: item.quantity })}</span>
                <span className="block text-xs text-muted">
                  {t(`itemKinds.${item.kind}`)}
                  {item.kind === "product" &&
                    ` · ${item.shippedAt ? t("shipped", { date: day.format(item.shippedAt) }) : t("notShipped")}`}
                  {item.kind === "product" && !item.shippedAt && item.productId && shipDates.has(item.productId) && (
                    <span className="font-medium text-sky-900" data-testid="ships-from">
                      {" · "}
                      {tday("shipsFrom", { date: day.format(shipDates.get(item.productId)!) })}
                    </span>
                  )}
                  {item.carrier && ` ${tb("ship.via", { carrier: item.carrier })}`}
                  {item.trackingNumber && `, ${tb("ship.trackingLabel", { number: item.trackingNumber })}`}
                  {trackingUrl(item.carrier, item.trackingNumber) && (
                    <>
                      {" · "}
                      <a
                        href={trackingUrl(item.carrier, item.trackingNumber)!}
                        target="_blank"
                        rel="noreferrer"
                        className="underline underline-offset-2"
                      >
                        {tb("ship.track")}
                      </a>
                    </>
                  )}
                </span>
              </span>
              <span className="tabular-nums">{money(item.unitAmount * item.quantity)}</span>
            </li>
          ))}
        </ul>
      </section>

      <section className="rounded-lg border border-line bg-white p-6">
        <h2 className="mb-3 font-semibold">{t("amountsTitle")}</h2>
        <dl className="grid max-w-sm grid-cols-[1fr_auto] gap-x-6 gap-y-1 text-sm" data-testid="order-amounts">
          {amounts.map(([label, value]) => (
            <div key={label} className="contents">
              <dt className="text-muted">{label}</dt>
              <dd className="text-right tabular-nums">{value}</dd>
            </div>
          ))}
        </dl>
      </section>

      {shippable && physical.length > 0 && (
        <section className="rounded-lg border border-line bg-white p-6">
          <h2 className="mb-3 font-semibold">{tb("ship.title")}</h2>
          <ShipForm
            action={markShippedAction}
            artistId={artist.id}
            orderId={order.id}
            unshipped={physical.filter((i) => !i.shippedAt).map((i) => ({ id: i.id, label: label(i) }))}
            carriers={KNOWN_CARRIERS.map((c) => c.name)}
          />
        </section>
      )}

      {shippable && order.email && (
        <section className="rounded-lg border border-line bg-white p-6">
          <h2 className="mb-3 font-semibold">{tb("resend.title")}</h2>
          <ResendReceiptForm action={resendReceiptAction} artistId={artist.id} orderId={order.id} email={order.email} />
        </section>
      )}

      {refundable && (
        <section className="rounded-lg border border-line bg-white p-6">
          <h2 className="mb-3 font-semibold">{(await getTranslations("selling.refund"))("title")}</h2>
          {order.creditAmount > order.creditRefunded && (
            <p className="mb-3 text-sm text-muted" data-testid="refund-credit-first">
              {(await getTranslations("selling.refund"))("creditFirst", {
                amount: money(order.creditAmount - order.creditRefunded),
              })}
            </p>
          )}
          <RefundForm
            action={refundOrderAction}
            artistId={artist.id}
            locale={locale}
            order={{
              id: order.id,
              email: order.email,
              currency: order.currency,
              left: order.total - order.refundedAmount,
              refundedAmount: order.refundedAmount,
            }}
          />
        </section>
      )}
    </div>
  );
}
