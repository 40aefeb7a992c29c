import type { Artist } from "@/db/schema";
import type { EmbedOffer } from "@/lib/embed/data";
import { html, type Raw } from "@/lib/embed/html";
import type { EmbedOptions } from "@/lib/embed/options";
import { buyControl, markedPrice, type T } from "./offer";

/** `/embed/buy/<id>`: the item's name and price beside one button (slim: the button alone). */
export function buyBody(artist: Artist, offer: EmbedOffer, options: EmbedOptions, t: T): Raw {
  if (options.layout === "slim") {
    return html`<div class="bw slim" id="w" data-testid="embed-widget" style="border:0;padding:0">${buyControl(artist.slug, offer, options, t, "price")}</div>`;
  }
  const by = options.layout === "large" ? html`<p class="by">${artist.name}</p>` : "";
  return html`<div class="bw ${options.layout}" id="w" data-testid="embed-widget"><div style="min-width:0">${by}<p class="t">${offer.title}</p><p class="pr k">${markedPrice(offer, t, options.lang)}</p></div>${buyControl(artist.slug, offer, options, t, "short")}</div>`;
}
