import { readCartToken } from "@/app/(shop)/[artist]/cart/cart-cookie";
import { db } from "@/db";
import { checkArtistAccess } from "@/lib/artists/access";
import { currentUser } from "@/lib/auth";
import { cartItemCount } from "@/lib/orders";

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/**
 * What a shared (cached) fan page cannot hold, asked by the page in the browser: who is signed
 * in, how many things are in this band's cart, and whether the visitor is one of the band's
 * members (their edit links). `?artist=<id>` is optional; an id that is not a band gives no cart
 * and no membership, never an error that would tell ids apart. Never cached anywhere.
 */
export async function GET(request: Request) {
  const artist = new URL(request.url).searchParams.get("artist");
  const artistId = artist && UUID.test(artist) ? artist : null;
  const user = await currentUser();
  const [cartCount, member] = await Promise.all([
    artistId ? readCartToken().then((token) => (token ? cartItemCount(db, token, artistId) : 0)) : 0,
    user && artistId ? checkArtistAccess(db, user.id, { id: artistId }).then((access) => access.allowed) : false,
  ]);
  return Response.json(
    { signedIn: Boolean(user), email: user?.email ?? null, cartCount, member },
    { headers: { "Cache-Control": "private, no-store", "X-Robots-Tag": "noindex" } },
  );
}
