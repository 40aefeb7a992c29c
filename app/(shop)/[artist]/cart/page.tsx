/* eslint-disable @next/next/no-img-element -- artwork and photos are already re-encoded to the sizes we show */
import type { Metadata } from "next";
import { getLocale, getTranslations } from "next-intl/server";
import { headers } from "next/headers";
import Link from "next/link";
import { notFound } from "next/navigation";
import { libraryViewer } from "@/app/(shop)/library/library-session";
import { CartLineForm } from "@/components/cart/cart-line-form";
import { CheckoutForm } from "@/components/cart/checkout-form";
import { CountrySelect } from "@/components/cart/country-select";
import { accentStyle } from "@/components/ui/accent-style";
import { Notice } from "@/components/ui/notice";
import { PriceHint } from "@/components/visitor/price-hint";
import { priceHintText } from "@/components/visitor/price-hint-text";
import { db } from "@/db";
import { getArtistBySlug } from "@/lib/artists";
import { clientIp } from "@/lib/auth/client-ip";
import { releaseArtworkUrl } from "@/lib/catalog/public";
import { countryName, countryOptions } from "@/lib/countries";
import { localeHref } from "@/lib/i18n/locale-href";
import { photoUrls } from "@/lib/merch";
import { shopAvailable } from "@/lib/moderation";
import { formatMoney, moneyInputValue } from "@/lib/money";
import {
  canTakePayments,
  cartCredit,
  cartVat,
  checkoutCountry,
  loadPricedCart,
  MAX_QUANTITY,
  vatByRate,
  type PricedLine,
} from "@/lib/orders";
import { belowCardMinimum, cardMinimum, testPaymentsActive } from "@/lib/payments";
import { formatRate } from "@/lib/vat";
import {
  applyDiscountAction,
  checkoutAction,
  confirmCountryAction,
  removeDiscountAction,
  setCountryAction,
  updateCartLineAction,
} from "./actions";
import { readCartToken } from "./cart-cookie";
import { CountryConfirm } from "./country-confirm";
import { CreditSplit } from "./credit-split";
import { DiscountCodeForm } from "./discount-form";

export const metadata: Metadata = { title: "Cart", robots: { index: false, follow: false } };

function lineImage(line: PricedLine) {
  if (!line.imageKey) return null;
  return line.kind === "product" ? photoUrls(line.imageKey).small : releaseArtworkUrl(line.imageKey, "small");
}

export default async function CartPage({ params, searchParams }: PageProps<"/[artist]/cart">) {
  const artist = await getArtistBySlug(db, (await params).artist);
  // A suspended shop sells nothing: its cart and code page are the neutral unavailable page.
  if (!artist || !shopAvailable(artist)) notFound();
  const shopHref = await localeHref(`/${artist.slug}`);
  const query = await searchParams;
  const token = await readCartToken();
  const [t, td, tGift, locale, priced] = await Promise.all([
    getTranslations("cart"),
    getTranslations("discounts.cart"),
    getTranslations("gifts.buy"),
    getLocale(),
    loadPricedCart(db, token, artist),
  ]);
  const discountCode = priced?.discountCode ?? null;
  const money = (amount: number) => formatMoney(amount, priced?.currency ?? artist.currency, locale);
  const lines = priced?.lines ?? [];
  const countries = countryOptions(locale);
  const shipTo = priced?.cart.country ? countryName(priced.cart.country, locale) : null;
  const paidBlocked = Boolean(priced && priced.total > 0 && !canTakePayments(artist));
  // The library's signed-in fan: their balance pays first (the same figures checkout will hold).
  const viewer = priced?.lines.length ? await libraryViewer() : null;
  const credit = priced && viewer ? await cartCredit(db, priced, artist, viewer.email) : null;
  const cardPart = credit ? credit.card : (priced?.total ?? 0);
  const byBalance = Boolean(credit && credit.credit > 0 && credit.card === 0);
  // The same evidence checkout weighs: the fan's address against the country on the cart.
  const where = priced?.lines.length ? await checkoutCountry(priced, clientIp(await headers())) : null;
  const vat = priced && where ? cartVat(priced, where.ok ? where.country : priced.cart.country) : null;
  const tooSmall = Boolean(priced && belowCardMinimum(cardPart, priced.currency));
  const lineLabels = { update: t("update"), remove: t("remove") };

  return (
    <div
      className="mx-auto max-w-5xl px-4 py-8 sm:px-6 sm:py-12"
      style={accentStyle(artist.accentColor)}
      data-testid="cart-page"
    >
      <p className="text-sm text-muted">
        <Link href={shopHref} className="underline underline-offset-2 hover:text-ink">
          {artist.name}
        </Link>
      </p>
      <div className="mt-1 flex flex-wrap items-baseline justify-between gap-3">
        <h1 className="text-3xl font-semibold tracking-tight">{t("title")}</h1>
        <Link
          href={await localeHref(`/${artist.slug}/gift-card`)}
          className="text-sm underline underline-offset-2 hover:text-ink"
          data-testid="cart-gift-link"
        >
          {tGift("link")}
        </Link>
      </div>

      <div className="mt-4 space-y-3">
        {typeof query.canceled === "string" && <Notice tone="info">{t("canceled")}</Notice>}
        {typeof query.declined === "string" && <Notice tone="error">{t("declined")}</Notice>}
      </div>

      {lines.length === 0 ? (
        <div className="mt-8 rounded-lg border border-dashed border-stone-300 bg-white px-6 py-12 text-center">
          <p className="font-medium">{t("empty")}</p>
          <Link href={shopHref} className="mt-3 inline-block text-sm underline underline-offset-2">
            {t("backToShop", { band: artist.name })}
          </Link>
        </div>
      ) : (
        <div className="mt-8 grid gap-10 lg:grid-cols-[minmax(0,1fr)_20rem]">
          <section aria-label={t("title")}>
            <ul className="divide-y divide-line border-y border-line" data-testid="cart-lines">
              {lines.map((line) => {
                const image = lineImage(line);
                return (
                  <li key={line.id} className="flex gap-4 py-5" data-testid="cart-line">
                    <div className="h-20 w-20 shrink-0 overflow-hidden rounded-md bg-stone-100 ring-1 ring-black/5">
                      {image && <img src={image} alt="" className="h-full w-full object-cover" />}
                    </div>
                    <div className="min-w-0 flex-1 space-y-2">
                      <div className="flex items-start justify-between gap-3">
                        <div className="min-w-0">
                          <p className="font-medium">{line.title || t("problem.unavailable")}</p>
                          {line.detail && <p className="text-sm text-muted">{line.detail}</p>}
                          {line.problem && (
                            <p className="mt-1 text-sm font-medium text-red-700" data-testid="line-problem">
                              {t(`problem.${line.problem}`, { count: line.stockLeft ?? 0 })}
                            </p>
                          )}
                        </div>
                        <p className="shrink-0 font-medium tabular-nums" data-testid="line-total">
                          {line.problem === "unavailable" ? "—" : money(line.lineTotal)}
                        </p>
                      </div>
                      <CartLineForm
                        action={updateCartLineAction}
                        artistSlug={artist.slug}
                        itemId={line.id}
                        currency={priced!.currency}
                        quantity={
                          line.physical && line.problem !== "unavailable"
                            ? {
                                value: line.quantity,
                                max: Math.min(MAX_QUANTITY, Math.max(line.stockLeft ?? MAX_QUANTITY, 1)),
                                label: t("quantity"),
                              }
                            : undefined
                        }
                        amount={
                          line.rule?.mode === "pay_what_you_want"
                            ? { value: moneyInputValue(line.unitAmount, priced!.currency), label: t("yourPrice") }
                            : undefined
                        }
                        labels={{ ...lineLabels, removeItem: `${t("remove")}: ${line.title}` }}
                      />
                    </div>
                  </li>
                );
              })}
            </ul>
            <Link
              href={shopHref}
              className="mt-4 inline-block text-sm text-muted underline underline-offset-2 hover:text-ink"
            >
              {t("backToShop", { band: artist.name })}
            </Link>
          </section>

          <aside className="space-y-6">
            {where && !where.ok && (
              <CountryConfirm
                action={confirmCountryAction}
                artistSlug={artist.slug}
                declared={where.declared}
                labels={{
                  title: t("confirmCountry.title"),
                  body: t("confirmCountry.body", {
                    ip: countryName(where.ipCountry, locale),
                    declared: countryName(where.declared, locale),
                  }),
                  confirm: t("confirmCountry.confirm", { declared: countryName(where.declared, locale) }),
                  change: t("confirmCountry.change"),
                }}
              />
            )}
            <div className="space-y-2">
              <CountrySelect
                action={setCountryAction}
                artistSlug={artist.slug}
                value={priced!.cart.country}
                countries={countries}
                labels={{
                  country: priced!.physicalUnits > 0 ? t("country") : t("yourCountry"),
                  choose: t("chooseCountry"),
                  update: t("update"),
                }}
              />
            </div>
            {priced!.physicalUnits > 0 && (
              <div className="space-y-2">
                {!priced!.shipping.ok && priced!.shipping.reason === "no_country" && (
                  <p className="text-sm text-muted">{t("countryNeeded")}</p>
                )}
                {!priced!.shipping.ok && priced!.shipping.reason === "no_zone" && (
                  <p role="alert" className="text-sm font-medium text-red-700" data-testid="cannot-ship">
                    {t("cannotShip", { band: artist.name, country: shipTo ?? "" })}
                  </p>
                )}
                {priced!.shipping.ok && priced!.shipping.rate && (
                  <p className="text-xs text-muted">
                    {t("shippingRule", {
                      first: money(priced!.shipping.rate.firstItem),
                      extra: money(priced!.shipping.rate.eachExtra),
                    })}
                  </p>
                )}
              </div>
            )}
            <DiscountCodeForm
              apply={applyDiscountAction}
              remove={removeDiscountAction}
              artistSlug={artist.slug}
              applied={discountCode?.code ?? null}
              labels={{ label: td("label"), apply: td("apply"), remove: td("remove") }}
            />
            {discountCode && !discountCode.check.ok && (
              <Notice tone="error">
                {td("refused", { code: discountCode.code, reason: td(`errors.${discountCode.check.reason}`) })}
              </Notice>
            )}
            <dl className="space-y-2 text-sm" data-testid="cart-totals">
              <div className="flex justify-between">
                <dt>{t("subtotal")}</dt>
                <dd className="tabular-nums">{money(priced!.subtotal)}</dd>
              </div>
              {priced!.physicalUnits > 0 && (
                <div className="flex justify-between">
                  <dt>{t("shipping")}</dt>
                  <dd className="tabular-nums" data-testid="cart-shipping">
                    {priced!.shipping.ok ? money(priced!.shipping.amount) : "—"}
                  </dd>
                </div>
              )}
              {priced!.discount > 0 && (
                <div className="flex justify-between">
                  <dt>{td("line", { code: discountCode!.code })}</dt>
                  <dd className="tabular-nums" data-testid="cart-discount">
                    −{money(priced!.discount)}
                  </dd>
                </div>
              )}
              <div className="flex justify-between border-t border-line pt-2 text-base font-semibold">
                <dt>{t("total")}</dt>
                <dd className="tabular-nums" data-testid="cart-total">
                  {money(priced!.total)}
                </dd>
              </div>
            </dl>
            <PriceHint
              amount={priced!.total}
              currency={priced!.currency}
              locale={locale}
              text={await priceHintText()}
              className="-mt-2 block text-right text-xs text-muted"
            />
            {vat && vat.total > 0 && (
              <div className="-mt-4 space-y-1 text-right text-sm text-muted">
                {vatByRate(vat).map(({ rate, amount }) => (
                  <p key={rate} className="tabular-nums" data-testid="cart-vat">
                    {t("vatIncluded", { rate: formatRate(rate, locale), amount: money(amount) })}
                  </p>
                ))}
                <p className="text-xs">{t("vatNote")}</p>
              </div>
            )}
            {credit && credit.credit > 0 && (
              <CreditSplit text={t("balanceSplit", { credit: money(credit.credit), card: money(credit.card) })} />
            )}
            {tooSmall && (
              <div data-testid="card-minimum">
                <Notice tone="error">
                  {t("belowCardMinimum", { minimum: money(cardMinimum(priced!.currency)!) })}
                </Notice>
              </div>
            )}
            {paidBlocked && <Notice tone="error">{t("errors.payouts_not_connected")}</Notice>}
            <CheckoutForm
              action={checkoutAction}
              artistSlug={artist.slug}
              disabled={!priced!.ready || paidBlocked || tooSmall || (where !== null && !where.ok)}
              defaultEmail={viewer?.email}
              labels={{
                email: t("email"),
                emailHint: t("emailHint"),
                subscribe: t("subscribe", { band: artist.name }),
                submit:
                  priced!.total === 0
                    ? t("getFree")
                    : byBalance
                      ? t("payWithBalance")
                      : `${t("checkout")} · ${money(cardPart)}`,
              }}
            />
            {testPaymentsActive() && cardPart > 0 && (
              <p
                className="rounded-md bg-amber-50 px-3 py-2 text-xs text-amber-900 ring-1 ring-amber-200"
                data-testid="test-mode-note"
              >
                {t("testMode")}
              </p>
            )}
          </aside>
        </div>
      )}
    </div>
  );
}
