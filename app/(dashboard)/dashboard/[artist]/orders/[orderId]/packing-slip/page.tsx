import { getLocale, getTranslations } from "next-intl/server";
import Link from "next/link";
import { notFound } from "next/navigation";
import { referenceTitle } from "@/app/(dashboard)/dashboard/[artist]/page-title";
import { PrintButton } from "@/components/ui/print-button";
import { db } from "@/db";
import { getOrderForArtist } from "@/db/queries/orders";
import { requireArtistMember } from "@/lib/artists/guard";
import { countryName } from "@/lib/countries";
import { formatMoney } from "@/lib/money";
import { formatAddress } from "@/lib/orders/receipt";

/**
 * Printed only the slip: the site header, the dashboard nav and these buttons are hidden on paper
 * (the dashboard layout is shared, so this page cannot leave it).
 */
const PRINT_CSS = `@media print {
  @page { margin: 15mm; }
  body * { visibility: hidden; }
  #packing-slip, #packing-slip * { visibility: visible; }
  #packing-slip { position: absolute; left: 0; top: 0; width: 100%; max-width: none; border: 0; padding: 0; }
}`;

export async function generateMetadata({ params }: PageProps<"/dashboard/[artist]/orders/[orderId]/packing-slip">) {
  return referenceTitle("packingSlip", (await params).orderId);
}

export default async function PackingSlipPage({
  params,
  searchParams,
}: PageProps<"/dashboard/[artist]/orders/[orderId]/packing-slip">) {
  const { artist: slug, orderId } = await params;
  const { artist } = await requireArtistMember({ slug });
  const order = await getOrderForArtist(db, artist.id, orderId);
  if (!order) notFound();
  const withPrices = (await searchParams).prices === "1";
  const [t, locale] = await Promise.all([getTranslations("bandops.slip"), getLocale()]);
  const physical = order.items.filter((i) => i.kind === "product");
  const digital = order.items.filter((i) => i.kind !== "product");
  const day = new Intl.DateTimeFormat(locale, { dateStyle: "long" });
  const page = `/dashboard/${artist.slug}/orders/${order.id}`;
  const from = [artist.name, artist.country ? countryName(artist.country, locale) : null].filter(Boolean).join("\n");
  return (
    <div className="space-y-6">
      <style>{PRINT_CSS}</style>
      <div className="flex flex-wrap items-center justify-between gap-3 print:hidden">
        <Link href={page} className="text-sm text-muted hover:underline">
          ← {t("back")}
        </Link>
        <div className="flex items-center gap-3">
          <Link
            href={`${page}/packing-slip${withPrices ? "" : "?prices=1"}`}
            className="text-sm underline underline-offset-2"
          >
            {withPrices ? t("withoutPrices") : t("withPrices")}
          </Link>
          <PrintButton label={t("print")} />
        </div>
      </div>
      <article
        id="packing-slip"
        className="mx-auto max-w-2xl space-y-8 rounded-lg border border-line bg-white p-10 text-sm text-ink"
        data-testid="packing-slip"
      >
        <header className="flex items-start justify-between gap-6">
          <div>
            <h1 className="text-xl font-semibold">{t("title")}</h1>
            <p className="mt-1 text-muted">
              {t("order", { id: order.id.slice(0, 8), date: day.format(order.paidAt ?? order.createdAt) })}
            </p>
          </div>
          <div className="text-right">
            <p className="text-xs uppercase tracking-wide text-muted">{t("from")}</p>
            <p className="whitespace-pre-line font-medium">{from}</p>
          </div>
        </header>
        <section className="rounded-md border-2 border-ink p-4" data-testid="slip-address">
          <p className="text-xs uppercase tracking-wide text-muted">{t("to")}</p>
          {order.shippingAddress ? (
            <p className="mt-1 whitespace-pre-line text-base leading-snug">
              {formatAddress(order.shippingAddress, locale)}
            </p>
          ) : (
            <p className="mt-1 text-muted">{t("noAddress")}</p>
          )}
        </section>
        <table className="w-full text-left" data-testid="slip-items">
          <thead className="border-b-2 border-ink text-xs uppercase tracking-wide">
            <tr>
              <th className="py-2 pr-3 font-medium">{t("quantity")}</th>
              <th className="py-2 pr-3 font-medium">{t("item")}</th>
              <th className="py-2 pr-3 font-medium">{t("option")}</th>
              {withPrices && <th className="py-2 text-right font-medium">{t("amount")}</th>}
            </tr>
          </thead>
          <tbody className="divide-y divide-line">
            {physical.map((item) => (
              <tr key={item.id}>
                <td className="py-2 pr-3 text-lg font-semibold tabular-nums">{item.quantity}</td>
                <td className="py-2 pr-3">{item.title}</td>
                <td className="py-2 pr-3">{item.optionLabel ?? "—"}</td>
                {withPrices && (
                  <td className="py-2 text-right tabular-nums">
                    {formatMoney(item.unitAmount * item.quantity, item.currency, locale)}
                  </td>
                )}
              </tr>
            ))}
          </tbody>
        </table>
        {digital.length > 0 && (
          <p className="text-muted">{t("digital", { items: digital.map((i) => i.title).join(", ") })}</p>
        )}
        <p className="border-t border-line pt-4 text-center">{t("thanks", { band: artist.name })}</p>
      </article>
    </div>
  );
}
