import { redirect } from "next/navigation";
import { z } from "zod";
import { cartTokenForLink } from "@/app/(shop)/[artist]/cart/cart-cookie";
import { db } from "@/db";
import { getArtistBySlug } from "@/lib/artists";
import { clientIp } from "@/lib/auth/client-ip";
import { escapeHtml, normalizeEmbedHost } from "@/lib/embed";
import { countryOfIp } from "@/lib/geo";
import { isLocale, localePath, negotiateLocale, translator } from "@/lib/i18n";
import { formatMoney } from "@/lib/money";
import { addToCart, type CartError } from "@/lib/orders";

const querySchema = z.object({
  kind: z.enum(["release", "track", "product"]),
  id: z.string().regex(/^[0-9a-f-]{8,64}$/i),
  option: z
    .string()
    .regex(/^[0-9a-f-]{8,64}$/i)
    .optional(),
  host: z.string().max(300).optional(),
  lang: z.string().optional(),
});

/** A small first-party page saying why nothing was added, with the way back to the band. */
function refusal(
  error: CartError,
  lang: string,
  artist: { slug: string; name: string; currency: string } | null,
  minimum?: number,
) {
  const { t, locale } = translator(lang);
  const message = t(`embed.add.errors.${error}`, {
    minimum: formatMoney(minimum ?? 0, artist?.currency ?? "EUR", locale),
  });
  const links = artist
    ? `<p><a href="/${escapeHtml(artist.slug)}">${escapeHtml(t("embed.add.toShop", { band: artist.name }))}</a> · <a href="/${escapeHtml(artist.slug)}/cart">${escapeHtml(t("embed.add.toCart"))}</a></p>`
    : "";
  const body = `<!doctype html><html lang="${locale}"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1"><meta name="robots" content="noindex"><title>${escapeHtml(t("embed.add.title"))}</title></head><body style="font:16px/1.5 system-ui,sans-serif;max-width:36rem;margin:4rem auto;padding:0 1rem;color:#1c1917"><h1 style="font-size:1.4rem">${escapeHtml(t("embed.add.title"))}</h1><p role="alert" data-testid="add-error">${escapeHtml(message)}</p>${links}</body></html>`;
  return new Response(body, {
    status: error === "not_found" ? 404 : 409,
    headers: { "Content-Type": "text/html; charset=utf-8", "Cache-Control": "no-store" },
  });
}

/**
 * Buy buttons in widgets link here in a new tab: the cart cookie is set first party (a framed
 * page could not), the sale is marked as coming from the embedding site, and the fan lands on
 * the band's cart to pay. Never inside a frame: the proxy sends frame-ancestors 'none' here.
 */
export async function GET(request: Request, { params }: RouteContext<"/[artist]/cart/add">) {
  const url = new URL(request.url);
  const query = querySchema.safeParse(Object.fromEntries(url.searchParams));
  const rawLang = url.searchParams.get("lang");
  const lang = isLocale(rawLang) ? rawLang : negotiateLocale(request.headers.get("accept-language"));
  const artist = await getArtistBySlug(db, (await params).artist);
  if (!artist) return refusal("not_found", lang, null);
  if (!query.success) return refusal("not_found", lang, artist);
  const { kind, id, option, host } = query.data;
  const cart = await cartTokenForLink();
  const result = await addToCart(db, {
    token: cart.token,
    artist,
    item: { kind, id, optionId: kind === "product" ? (option ?? null) : null },
    source: { source: "embed", sourceHost: normalizeEmbedHost(host) },
    country: await countryOfIp(clientIp(request.headers)),
  });
  if (!result.ok) return refusal(result.error, lang, artist, result.minimum);
  await cart.keep();
  redirect(localePath(lang, `/${artist.slug}/cart`));
}
