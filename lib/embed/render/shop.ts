import { offerImage, type EmbedOffer, type ShopWidget } from "@/lib/embed/data";
import { html, type Raw } from "@/lib/embed/html";
import type { EmbedOptions } from "@/lib/embed/options";
import { localePath } from "@/lib/i18n";
import { followLink } from "./follow";
import { buyControl, markedPrice, type T } from "./offer";

function kindLabel(offer: EmbedOffer, t: T): string {
  const kinds = ["album", "ep", "single", "cd", "vinyl", "cassette", "shirt", "other"];
  if (offer.kind === "track") return t("fromRelease", { release: offer.subtitle ?? "" });
  const kind = offer.subtitle && kinds.includes(offer.subtitle) ? t(`kind.${offer.subtitle}`) : "";
  return offer.preorder ? `${kind} · ${t("releaseDay.preorderBadge")}` : kind;
}

/** Large: a grid of covers. Compact and slim: one table, so names, prices and buttons line up. */
function items(data: ShopWidget, options: EmbedOptions, t: T): Raw {
  const { artist, offers } = data;
  if (!offers.length) return html`<p style="padding:16px" class="k">${t("nothingYet")}</p>`;
  const showArt = options.artwork !== "none";
  if (options.layout === "large") {
    return html`<ul class="grid" data-testid="embed-shop-grid">${offers.map((offer) => {
      const image = showArt ? offerImage(offer, "medium") : null;
      return html`<li data-testid="embed-shop-item">${showArt ? (image ? html`<img src="${image}" alt="" loading="lazy" width="300" height="300">` : html`<div class="ph"></div>`) : ""}<p class="t one">${offer.title}</p><p class="k one">${kindLabel(offer, t)}</p><p class="pr" data-testid="embed-price">${markedPrice(offer, t, options.lang)}</p>${buyControl(artist.slug, offer, options, t, "short")}</li>`;
    })}</ul>`;
  }
  const thumbs = showArt && options.layout === "compact";
  return html`<table data-testid="embed-shop-table"><thead><tr>${thumbs ? html`<th><span class="sr">${t("item")}</span></th>` : ""}<th>${t("item")}</th><th class="num">${t("price")}</th><th><span class="sr">${t("buy")}</span></th></tr></thead><tbody>${offers.map(
    (offer) => {
      const image = thumbs ? offerImage(offer, "small") : null;
      return html`<tr data-testid="embed-shop-item">${thumbs ? html`<td class="th">${image ? html`<img src="${image}" alt="" loading="lazy" width="40" height="40">` : ""}</td>` : ""}<td class="nm"><div class="one">${offer.title}</div><div class="k one">${kindLabel(offer, t)}</div></td><td class="num" data-testid="embed-price">${markedPrice(offer, t, options.lang)}</td><td class="act">${buyControl(artist.slug, offer, options, t, "short")}</td></tr>`;
    },
  )}</tbody></table>`;
}

export function shopBody(data: ShopWidget, options: EmbedOptions, t: T): Raw {
  return html`<div class="w ${options.layout}" id="w" data-testid="embed-widget"><div class="hd" style="align-items:center"><h1 class="t" style="flex:1">${data.artist.name}</h1>${followLink(data.artist, options, t, "buy ghost")}<a class="buy ghost" href="${localePath(options.lang, `/${data.artist.slug}`)}" target="_blank" rel="noopener">${t("visit")}<span class="sr"> (${t("newTab")})</span></a></div><div class="fill">${items(data, options, t)}</div></div>`;
}
