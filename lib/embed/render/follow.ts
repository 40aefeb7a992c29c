import { html, type Raw } from "@/lib/embed/html";
import type { EmbedOptions } from "@/lib/embed/options";
import { localePath } from "@/lib/i18n";
import type { T } from "./offer";

/**
 * The widgets' Follow: a link to the band's follow page in a new tab (a widget sets no cookie and
 * has no form of its own; the fan's library session, if any, is read there).
 */
export function followLink(artist: { slug: string; name: string }, options: EmbedOptions, t: T, cls = "fl"): Raw {
  return html`<a class="${cls}" href="${localePath(options.lang, `/${artist.slug}/follow`)}?from=widget" target="_blank" rel="noopener" data-testid="embed-follow">${t("follow")}<span class="sr"> (${t("followHint", { artist: artist.name })})</span></a>`;
}
