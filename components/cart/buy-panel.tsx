/* eslint-disable @next/next/no-img-element -- product photos are already re-encoded to the sizes we show */
import { getLocale, getTranslations } from "next-intl/server";
import { addToCartAction, freeDownloadAction } from "@/app/(shop)/[artist]/cart/actions";
import { PriceHint, type PriceHintText } from "@/components/visitor/price-hint";
import { priceHintText } from "@/components/visitor/price-hint-text";
import { CartLink } from "@/components/visitor/visitor-links";
import { localeHref } from "@/lib/i18n/locale-href";
import type { PublicProduct } from "@/lib/merch";
import { formatMoney, moneyInputValue, type PriceRule } from "@/lib/money";
import { type ReleaseOffers } from "@/lib/orders";
import { AddToCartForm } from "./add-to-cart-form";
import { FreeDownloadForm } from "./free-download-form";

type Props = {
  artist: { id: string; slug: string; name: string };
  offers: ReleaseOffers;
  releaseKind: string;
  /** The release page's own slug: it offers "Buy as a gift" (/<artist>/<release>/gift). */
  releaseSlug?: string;
  /** A pre-order's physical editions ship from release day: "Ships from 14 March 2027". */
  shipsFrom?: string;
  /** The release is not out yet: its button says "Pre-order". */
  preorder?: boolean;
};

/**
 * The release page's buy box: the digital release at its price rule, physical editions with their
 * options and stock, single tracks. Everything it sends is re-checked by the cart on the server.
 */
export async function BuyPanel({ artist, offers, releaseKind, releaseSlug, shipsFrom, preorder }: Props) {
  const [t, locale, hintText] = await Promise.all([getTranslations("buy"), getLocale(), priceHintText()]);
  const money = (amount: number) => formatMoney(amount, offers.currency, locale);
  /** "≈ ¥820" (and "incl. VAT": digital sales to the EU and the UK are taxed in the price) for this visitor. */
  const hint = (rule: PriceRule, vat: boolean, className?: string) => {
    const amount = rule.mode === "fixed" ? rule.amount : rule.mode === "pay_what_you_want" ? rule.minimum : 0;
    return (
      <PriceHint
        amount={amount}
        currency={offers.currency}
        locale={locale}
        text={hintText}
        vat={vat}
        className={className}
      />
    );
  };
  const priceText = (rule: PriceRule) =>
    rule.mode === "fixed"
      ? money(rule.amount)
      : rule.mode === "free"
        ? t("free")
        : rule.minimum === 0
          ? t("nameYourPrice")
          : t("orMore", { price: money(rule.minimum) });
  /** Pay what you want: the fan's amount, prefilled with the band's suggestion. */
  const amountField = (rule: PriceRule) =>
    rule.mode === "pay_what_you_want"
      ? {
          label: t("amountLabel", { currency: offers.currency }),
          hint: t("minimumHint", { price: money(rule.minimum) }),
          defaultValue: moneyInputValue(rule.suggested, offers.currency),
        }
      : undefined;
  const freeLabels = { email: t("email"), subscribe: t("subscribe", { band: artist.name }), submit: t("getLink") };
  const { release } = offers;
  const paidBlocked = !offers.canTakePayments;

  return (
    <section
      aria-labelledby="buy-title"
      className="space-y-6 rounded-lg border border-line bg-surface p-5 shadow-xs"
      data-testid="buy-panel"
    >
      <div className="space-y-3">
        <div className="flex items-baseline justify-between gap-3">
          <h2 id="buy-title" className="font-semibold">
            {t("digitalAlbum", { kind: releaseKind })}
          </h2>
          <p className="text-lg font-semibold tabular-nums" data-testid="release-price">
            {release.forSale ? priceText(release.rule) : t("notForSale")}
          </p>
        </div>
        <div className="-mt-2 text-right empty:hidden" data-testid="release-price-hint">
          {release.forSale && release.rule.mode !== "free" && hint(release.rule, true)}
        </div>
        {release.rule.mode === "pay_what_you_want" && release.rule.suggested > 0 && (
          <p className="-mt-2 text-right text-xs text-muted">
            {t("suggested", { price: money(release.rule.suggested) })}
          </p>
        )}
        {release.forSale && release.rule.mode !== "free" && (
          <AddToCartForm
            action={addToCartAction}
            artistSlug={artist.slug}
            kind="release"
            itemId={release.id}
            currency={offers.currency}
            label={preorder ? t("preorder") : t("buyNow")}
            disabled={paidBlocked && !release.freeToTake}
            amount={amountField(release.rule)}
          />
        )}
        {releaseSlug && release.forSale && release.rule.mode !== "free" && !paidBlocked && (
          <a
            href={await localeHref(`/${artist.slug}/${releaseSlug}/gift`)}
            className="block text-center text-sm font-medium underline underline-offset-4 hover:text-accent"
            data-testid="buy-as-gift"
          >
            {(await getTranslations("albumGift"))("link")}
          </a>
        )}
        {paidBlocked && release.forSale && !release.freeToTake && (
          <p className="text-sm text-amber-800">{t("payoutsMissing")}</p>
        )}
        {release.freeToTake && (
          <div className={release.rule.mode === "free" ? "" : "border-t border-line pt-3"}>
            <p className="mb-2 text-sm font-medium">{t("freeTitle")}</p>
            <FreeDownloadForm
              action={freeDownloadAction}
              artistSlug={artist.slug}
              kind="release"
              itemId={release.id}
              labels={{ ...freeLabels, intro: t("freeIntro") }}
            />
          </div>
        )}
      </div>

      {offers.products.length > 0 && (
        <div className="space-y-4 border-t border-line pt-5">
          <h3 className="text-xs font-semibold uppercase tracking-wide text-muted">{t("alsoOn")}</h3>
          <ul className="space-y-5">
            {offers.products.map((product) => (
              <li key={product.id} data-testid="physical-edition">
                <ProductOffer
                  product={product}
                  artistSlug={artist.slug}
                  disabled={paidBlocked}
                  hintText={hintText}
                  shipsFrom={shipsFrom}
                />
              </li>
            ))}
          </ul>
        </div>
      )}

      {offers.tracks.length > 0 && (
        <div className="border-t border-line pt-5">
          <h3 className="text-xs font-semibold uppercase tracking-wide text-muted">{t("tracksTitle")}</h3>
          <ul className="mt-3 divide-y divide-line text-sm">
            {offers.tracks.map((track) => (
              <li key={track.id} className="flex items-center gap-3 py-2" data-testid="single-track">
                <span className="w-5 shrink-0 text-right tabular-nums text-muted">{track.position}</span>
                <span className="min-w-0 flex-1 truncate">{track.title}</span>
                <span className="shrink-0 tabular-nums text-muted">
                  {priceText(track.rule)}
                  {track.rule.mode !== "free" && hint(track.rule, false, "block text-right text-xs")}
                </span>
                <AddToCartForm
                  action={addToCartAction}
                  artistSlug={artist.slug}
                  kind="track"
                  itemId={track.id}
                  currency={offers.currency}
                  label={t("add")}
                  compact
                  disabled={paidBlocked && !track.freeToTake}
                  amount={amountField(track.rule)}
                />
              </li>
            ))}
          </ul>
        </div>
      )}

      <CartLink
        artistId={artist.id}
        href={await localeHref(`/${artist.slug}/cart`)}
        label={t("viewCart")}
        className="block rounded-md border border-stone-300 px-4 py-2 text-center text-sm font-medium hover:bg-stone-50"
      />
    </section>
  );
}

/** A CD, record or shirt: photo, price, what is left, options, add to cart. */
export async function ProductOffer({
  product,
  artistSlug,
  disabled,
  hintText,
  shipsFrom,
}: {
  product: PublicProduct;
  artistSlug: string;
  disabled: boolean;
  shipsFrom?: string;
  /** The band's own VAT status decides the tax on goods, so an item's price gets only the approximation. */
  hintText: PriceHintText;
}) {
  const [t, tk, locale] = await Promise.all([getTranslations("buy"), getTranslations("selling.kinds"), getLocale()]);
  const photo = product.photos[0];
  const left = product.options.length ? null : product.stock;
  return (
    <div className="flex gap-3">
      <div className="h-16 w-16 shrink-0 overflow-hidden rounded-md bg-stone-100 ring-1 ring-black/5">
        {photo && <img src={photo.small} alt="" className="h-full w-full object-cover" loading="lazy" />}
      </div>
      <div className="min-w-0 flex-1 space-y-2">
        <div className="flex items-baseline justify-between gap-2">
          <p className="min-w-0 text-sm">
            <span className="block truncate font-medium">{product.title}</span>
            <span className="text-xs text-muted">
              {tk(product.kind)}
              {product.release && <> · {t("includesDownload")}</>}
            </span>
            {shipsFrom && (
              <span className="block text-xs font-medium text-sky-900" data-testid="ships-from">
                {shipsFrom}
              </span>
            )}
          </p>
          <p className="shrink-0 text-sm font-semibold tabular-nums">
            {formatMoney(product.priceAmount, product.currency, locale)}
            <PriceHint
              amount={product.priceAmount}
              currency={product.currency}
              locale={locale}
              text={hintText}
              className="block text-right text-xs font-normal text-muted"
            />
          </p>
        </div>
        {product.soldOut ? (
          <p className="text-sm font-medium text-muted">{t("soldOut")}</p>
        ) : (
          <>
            {left !== null && left <= 10 && <p className="text-xs text-amber-800">{t("left", { count: left })}</p>}
            <AddToCartForm
              action={addToCartAction}
              artistSlug={artistSlug}
              kind="product"
              itemId={product.id}
              currency={product.currency}
              label={t("add")}
              disabled={disabled}
              optionLabel={t("option")}
              options={product.options.map((o) => ({
                id: o.id,
                label: o.soldOut ? `${o.label} — ${t("soldOut")}` : o.label,
                disabled: o.soldOut,
              }))}
            />
          </>
        )}
      </div>
    </div>
  );
}
