import { readCartToken } from "@/app/(shop)/[artist]/cart/cart-cookie";
import { db } from "@/db";
import { readExchangeRates } from "@/db/queries/exchange-rates";
import { checkArtistAccess } from "@/lib/artists/access";
import { currentUser } from "@/lib/auth";
import { clientIp } from "@/lib/auth/client-ip";
import { freshRates, visitorCurrency } from "@/lib/fx";
import { countryOfIp } from "@/lib/geo";
import { cartItemCount } from "@/lib/orders";
import { countryFrom } from "@/lib/plays";
import { isVatCountry } from "@/lib/vat";

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/**
 * What a shared (cached) fan page cannot hold, asked by the page in the browser: who is signed
 * in, how many things are in this band's cart, and whether the visitor is one of the band's
 * members (their edit links). `?artist=<id>` is optional; an id that is not a band gives no cart
 * and no membership, never an error that would tell ids apart. Never cached anywhere.
 *
 * And for prices: the visitor's country (a trusted CDN's header, else their address), whether it
 * charges VAT on digital sales (the page then says prices include it), the currency they most
 * likely think in (the country's, else their browser's region) and, when the reference rates are
 * fresh, those rates, so the page can add "≈ ¥820" beside a euro price. The whole table is sent
 * (about 30 currencies, under 1 KB): a page may show prices in more than one currency.
 */
export async function GET(request: Request) {
  const artist = new URL(request.url).searchParams.get("artist");
  const artistId = artist && UUID.test(artist) ? artist : null;
  const user = await currentUser();
  const [cartCount, member, country] = await Promise.all([
    artistId ? readCartToken().then((token) => (token ? cartItemCount(db, token, artistId) : 0)) : 0,
    user && artistId ? checkArtistAccess(db, user.id, { id: artistId }).then((access) => access.allowed) : false,
    countryFrom(request.headers) ?? countryOfIp(clientIp(request.headers)),
  ]);
  const currency = visitorCurrency(country, request.headers.get("accept-language"));
  const rates = currency ? freshRates(await readExchangeRates(db)) : null;
  return Response.json(
    {
      signedIn: Boolean(user),
      email: user?.email ?? null,
      cartCount,
      member,
      country,
      vatCountry: isVatCountry(country),
      currency,
      rates,
    },
    { headers: { "Cache-Control": "private, no-store", "X-Robots-Tag": "noindex" } },
  );
}
