import type { EmbedOffer } from "@/lib/embed/data";
import { html, type Raw } from "@/lib/embed/html";
import type { EmbedOptions } from "@/lib/embed/options";
import { localePath } from "@/lib/i18n";
import { formatMoney } from "@/lib/money";

export type T = (key: string, values?: Record<string, string | number>) => string;

/** "€7.00", "€5.00 or more", "Name your price", "Free". */
export function priceText(offer: EmbedOffer, t: T, locale: string): string {
  const money = (amount: number) => formatMoney(amount, offer.currency, locale);
  const { rule } = offer;
  if (rule.mode === "fixed") return money(rule.amount);
  if (rule.mode === "free") return t("free");
  return rule.minimum === 0 ? t("nameYourPrice") : t("orMore", { price: money(rule.minimum) });
}

/**
 * The price text marked with its amount, so the widget script can add an approximation in the
 * fan's currency (lib/embed/script/approximate.ts); a free or name-your-price offer has none.
 */
export function markedPrice(offer: EmbedOffer, t: T, locale: string): Raw | string {
  const { rule } = offer;
  const amount = rule.mode === "fixed" ? rule.amount : rule.mode === "pay_what_you_want" ? rule.minimum : 0;
  const text = priceText(offer, t, locale);
  return amount > 0 ? html`<span data-amount="${amount}" data-currency="${offer.currency}">${text}</span>` : text;
}

/**
 * The link the buy button opens in a new tab: the band's add-to-cart route, first party there.
 * The widget script adds `host=` (the embedding site) before anyone clicks.
 */
export function addToCartPath(artistSlug: string, offer: EmbedOffer, lang: string): string {
  const query = new URLSearchParams({ kind: offer.kind, id: offer.id, lang });
  return `/${artistSlug}/cart/add?${query}`;
}

/**
 * The buy control for one offer: a link, a small GET form when the item has options (the fan
 * picks one here rather than on an error page), a link to the release page for free items, or
 * a plain label when it cannot be bought.
 */
export function buyControl(
  artistSlug: string,
  offer: EmbedOffer,
  options: Pick<EmbedOptions, "lang">,
  t: T,
  label: "short" | "price",
): Raw {
  const price = priceText(offer, t, options.lang);
  const newTab = html`<span class="sr"> (${t("newTab")})</span>`;
  if (offer.state === "sold_out")
    return html`<span class="buy" aria-disabled="true" data-testid="embed-sold-out">${t("soldOut")}</span>`;
  if (offer.state === "blocked") return html`<span class="buy" aria-disabled="true">${t("notOnSale")}</span>`;
  if (offer.state === "free") {
    return html`<a class="buy" href="${localePath(options.lang, offer.pagePath)}" target="_blank" rel="noopener" data-testid="embed-free">${t("getFree")}${newTab}</a>`;
  }
  const text = label === "price" ? html`${t("buy")} <span class="pr">${price}</span>` : html`${t("buy")}`;
  const name = html`<span class="sr"> ${offer.title}</span>`;
  if (offer.options.length) {
    const choices = offer.options.map(
      (o) =>
        html`<option value="${o.id}"${o.soldOut ? " disabled" : ""}>${o.label}${o.soldOut ? ` (${t("soldOut")})` : ""}</option>`,
    );
    return html`<form method="get" action="/${artistSlug}/cart/add" target="_blank" rel="noopener" data-testid="embed-buy-form"><input type="hidden" name="kind" value="product"><input type="hidden" name="id" value="${offer.id}"><input type="hidden" name="lang" value="${options.lang}"><input type="hidden" name="host" value=""><select name="option" aria-label="${t("option")}: ${offer.title}" required>${choices}</select><button class="buy" type="submit">${text}${name}${newTab}</button></form>`;
  }
  return html`<a class="buy" href="${addToCartPath(artistSlug, offer, options.lang)}" target="_blank" rel="noopener" data-buy data-testid="embed-buy">${text}${name}${newTab}</a>`;
}
