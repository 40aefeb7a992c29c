import { getLocale, getTranslations } from "next-intl/server";
import Link from "next/link";
import { pageTitle } from "@/app/(dashboard)/dashboard/[artist]/page-title";
import { db } from "@/db";
import { requireArtistMember } from "@/lib/artists/guard";
import { getShippingSettings, listProductsForArtist, photoUrls, type ProductSummary } from "@/lib/merch";
import { formatMoney } from "@/lib/money";

export async function generateMetadata() {
  return pageTitle("merch");
}

export default async function MerchPage({ params }: PageProps<"/dashboard/[artist]/merch">) {
  const { artist } = await requireArtistMember({ slug: (await params).artist });
  const [t, tk, locale, list, shipping] = await Promise.all([
    getTranslations("selling.merch"),
    getTranslations("selling.kinds"),
    getLocale(),
    listProductsForArtist(db, artist.id),
    getShippingSettings(db, artist.id),
  ]);
  // The cart charges shipping with rates in its own currency, so an item priced in a currency
  // with no rates cannot be ordered: say which.
  const rateCurrencies = new Set(shipping.rates.map((r) => r.currency));
  const unshippable = [...new Set(list.filter((p) => p.published).map((p) => p.currency))].filter(
    (c) => !rateCurrencies.has(c),
  );
  const stockLabel = (product: ProductSummary) => {
    const units = product.optionCount ? product.optionStock : product.stock;
    if (units === null) return t("unlimited");
    return units === 0 ? t("soldOut") : t("inStock", { count: units });
  };
  return (
    <div className="space-y-6">
      <div className="flex flex-wrap items-end justify-between gap-4">
        <div>
          <h1 className="text-2xl font-semibold tracking-tight">{t("title")}</h1>
          <p className="mt-1 max-w-prose text-sm text-muted">{t("intro")}</p>
        </div>
        <Link
          href={`/dashboard/${artist.slug}/merch/new`}
          className="rounded-md bg-ink px-4 py-2 text-sm font-medium text-white hover:bg-stone-700"
        >
          {t("new")}
        </Link>
      </div>
      {unshippable.length > 0 && (
        <p className="rounded-md border border-amber-200 bg-amber-50 px-4 py-3 text-sm text-amber-900" role="status">
          {shipping.rates.length === 0 ? t("noShipping") : t("noShippingIn", { currencies: unshippable.join(", ") })}{" "}
          <Link href={`/dashboard/${artist.slug}/shipping`} className="font-medium underline underline-offset-2">
            {t("setShipping")}
          </Link>
        </p>
      )}
      {list.length === 0 ? (
        <p className="rounded-lg border border-dashed border-stone-300 bg-white px-6 py-10 text-center text-sm text-muted">
          {t("empty")}
        </p>
      ) : (
        <ul className="divide-y divide-line rounded-lg border border-line bg-white" data-testid="product-list">
          {list.map((product) => {
            const photo = product.photoKeys[0] ? photoUrls(product.photoKeys[0]).small : null;
            return (
              <li key={product.id}>
                <Link
                  href={`/dashboard/${artist.slug}/merch/${product.id}`}
                  className="flex items-center gap-4 px-4 py-3 hover:bg-stone-50"
                  data-testid="product-row"
                >
                  <span className="h-14 w-14 shrink-0 overflow-hidden rounded bg-stone-200">
                    {/* eslint-disable-next-line @next/next/no-img-element -- re-encoded photo */}
                    {photo && <img src={photo} alt="" className="h-full w-full object-cover" />}
                  </span>
                  <span className="min-w-0 flex-1">
                    <span className="block truncate font-medium">{product.title}</span>
                    <span className="block text-xs text-muted">
                      {tk(product.kind)}
                      {" · "}
                      {stockLabel(product)}
                      {product.optionCount > 0 && ` · ${t("options", { count: product.optionCount })}`}
                      {product.releaseTitle && ` · ${t("withDownload", { title: product.releaseTitle })}`}
                    </span>
                  </span>
                  <span className="shrink-0 text-sm tabular-nums">
                    {formatMoney(product.priceAmount, product.currency, locale)}
                  </span>
                  <span
                    className={`shrink-0 rounded-full px-2 py-0.5 text-xs ${product.published ? "bg-emerald-50 text-emerald-800" : "bg-stone-100 text-muted"}`}
                  >
                    {product.published ? t("published") : t("hidden")}
                  </span>
                </Link>
              </li>
            );
          })}
        </ul>
      )}
    </div>
  );
}
