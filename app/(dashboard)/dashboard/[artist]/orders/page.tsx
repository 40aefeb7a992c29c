import { getLocale, getTranslations } from "next-intl/server";
import Link from "next/link";
import { pageTitle } from "@/app/(dashboard)/dashboard/[artist]/page-title";
import { StatusBadge, ToShipBadge } from "@/components/dashboard/orders/order-badges";
import { OrdersExport } from "@/components/dashboard/orders/orders-export";
import { VatFigures } from "@/components/dashboard/orders/vat-figures";
import { control } from "@/components/ui/field";
import { db } from "@/db";
import {
  countOrdersToShip,
  listOrdersForArtist,
  ORDER_FILTERS,
  type BandOrder,
  type OrderFilter,
} from "@/db/queries/orders";
import { requireArtistMember } from "@/lib/artists/guard";
import { formatMoney } from "@/lib/money";

/** "2 × Debut CD (M), Debut": what a band needs to recognise an order at a glance. */
function itemsSummary(order: BandOrder) {
  return order.items
    .map((i) => `${i.quantity > 1 ? `${i.quantity} × ` : ""}${i.title}${i.optionLabel ? ` (${i.optionLabel})` : ""}`)
    .join(", ");
}

export async function generateMetadata() {
  return pageTitle("orders");
}

export default async function OrdersPage({ params, searchParams }: PageProps<"/dashboard/[artist]/orders">) {
  const { artist } = await requireArtistMember({ slug: (await params).artist });
  const query = await searchParams;
  const filter: OrderFilter = ORDER_FILTERS.find((f) => f !== "all" && f === query.show) ?? "all";
  const search = typeof query.q === "string" ? query.q.trim().slice(0, 200) : "";
  const requested = Number(typeof query.page === "string" ? query.page : 1);
  const [t, tb, locale, list, toShipCount] = await Promise.all([
    getTranslations("selling.orders"),
    getTranslations("bandops.orders"),
    getLocale(),
    listOrdersForArtist(db, artist.id, { page: Number.isFinite(requested) ? requested : 1, filter, search }),
    countOrdersToShip(db, artist.id),
  ]);
  const base = `/dashboard/${artist.slug}/orders`;
  const href = (page: number, show: OrderFilter = filter) =>
    `${base}?${new URLSearchParams({ ...(show !== "all" && { show }), ...(search && { q: search }), ...(page > 1 && { page: String(page) }) })}`;
  const date = new Intl.DateTimeFormat(locale, { dateStyle: "medium", timeStyle: "short" });
  const tab = (active: boolean) => `rounded px-3 py-1.5 ${active ? "bg-ink text-white" : "hover:bg-stone-100"}`;
  const empty = search
    ? tb("emptySearch", { search })
    : { all: t("empty"), "to-ship": t("emptyToShip"), shipped: tb("emptyShipped"), refunded: tb("emptyRefunded") }[
        filter
      ];
  return (
    <div className="space-y-6">
      <div>
        <h1 className="text-2xl font-semibold tracking-tight">{t("title")}</h1>
        <p className="mt-1 text-sm text-muted">{t("intro")}</p>
      </div>
      <div className="flex flex-wrap items-end justify-between gap-3">
        <nav aria-label={t("title")} className="inline-flex rounded-md border border-stone-300 bg-white p-0.5 text-sm">
          {ORDER_FILTERS.map((f) => (
            <Link
              key={f}
              href={href(1, f)}
              className={tab(filter === f)}
              aria-current={filter === f ? "page" : undefined}
              data-testid={`filter-${f}`}
            >
              {tb(`filters.${f}`)}
              {f === "to-ship" && ` (${toShipCount})`}
            </Link>
          ))}
        </nav>
        <form role="search" action={base} className="flex items-center gap-2 text-sm">
          {filter !== "all" && <input type="hidden" name="show" value={filter} />}
          <label htmlFor="order-search" className="sr-only">
            {tb("search")}
          </label>
          <input
            id="order-search"
            name="q"
            type="search"
            defaultValue={search}
            placeholder={tb("search")}
            maxLength={200}
            className={`${control} w-64`}
          />
          <button
            type="submit"
            className="rounded-md border border-stone-300 bg-white px-3 py-2 font-medium hover:bg-stone-50"
          >
            {tb("searchButton")}
          </button>
          {search && (
            <Link
              href={filter === "all" ? base : `${base}?show=${filter}`}
              className="text-muted underline underline-offset-2"
            >
              {tb("clear")}
            </Link>
          )}
        </form>
      </div>
      {search && list.total > 0 && <p className="text-sm text-muted">{tb("found", { count: list.total, search })}</p>}
      {list.orders.length === 0 ? (
        <p className="rounded-lg border border-dashed border-stone-300 bg-white px-6 py-10 text-center text-sm text-muted">
          {empty}
        </p>
      ) : (
        <div className="overflow-x-auto rounded-lg border border-line bg-white">
          <table className="w-full text-left text-sm" data-testid="order-list">
            <thead className="border-b border-line text-xs text-muted">
              <tr>
                <th className="px-4 py-2 font-medium">{t("date")}</th>
                <th className="px-4 py-2 font-medium">{t("buyer")}</th>
                <th className="px-4 py-2 font-medium">{t("items")}</th>
                <th className="px-4 py-2 text-right font-medium">{t("total")}</th>
                <th className="px-4 py-2 font-medium">{t("status")}</th>
              </tr>
            </thead>
            <tbody className="divide-y divide-line">
              {list.orders.map((order) => (
                <tr key={order.id} className="align-top hover:bg-stone-50" data-testid="order-row">
                  <td className="whitespace-nowrap px-4 py-3">
                    <Link href={`${base}/${order.id}`} className="font-medium underline-offset-2 hover:underline">
                      {date.format(order.paidAt ?? order.createdAt)}
                    </Link>
                  </td>
                  <td className="max-w-48 truncate px-4 py-3">
                    {order.email ?? <span className="text-muted">{t("noEmail")}</span>}
                  </td>
                  <td className="max-w-72 px-4 py-3 text-muted">{itemsSummary(order)}</td>
                  <td className="whitespace-nowrap px-4 py-3 text-right tabular-nums">
                    {formatMoney(order.total, order.currency, locale)}
                  </td>
                  <td className="space-x-1 space-y-1 px-4 py-3">
                    <StatusBadge status={order.status} label={t(`statuses.${order.status}`)} />
                    {order.toShip && <ToShipBadge label={t("toShip")} />}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      {list.pages > 1 && (
        <nav
          aria-label={t("page", { page: list.page, pages: list.pages })}
          className="flex items-center justify-between text-sm"
        >
          {list.page > 1 ? (
            <Link
              href={href(list.page - 1)}
              className="rounded-md border border-stone-300 bg-white px-3 py-1.5 hover:bg-stone-50"
            >
              ← {t("previous")}
            </Link>
          ) : (
            <span />
          )}
          <span className="text-muted">{t("page", { page: list.page, pages: list.pages })}</span>
          {list.page < list.pages ? (
            <Link
              href={href(list.page + 1)}
              className="rounded-md border border-stone-300 bg-white px-3 py-1.5 hover:bg-stone-50"
            >
              {t("next")} →
            </Link>
          ) : (
            <span />
          )}
        </nav>
      )}
      <OrdersExport base={base} />
      <VatFigures artistId={artist.id} />
    </div>
  );
}
