import { readCartToken } from "@/app/(shop)/[artist]/cart/cart-cookie";
import { db } from "@/db";
import { getArtistBySlug } from "@/lib/artists";
import { abandonCheckout, findCart } from "@/lib/orders";

/**
 * The payment page's "back" link (the provider's cancel URL, a GET navigation, so a route handler
 * rather than the cart page): the checkout is closed and its held units go back on sale, then the
 * fan lands on the cart, which only reads. Never cached or indexed, and never a <Link> target.
 */
export async function GET(request: Request, { params }: RouteContext<"/[artist]/cart/canceled">) {
  const slug = (await params).artist;
  const artist = await getArtistBySlug(db, slug);
  const orderId = new URL(request.url).searchParams.get("order");
  if (artist && orderId) {
    const cart = await findCart(db, await readCartToken(), artist.id);
    if (cart) await abandonCheckout(db, cart, orderId);
  }
  return new Response(null, {
    status: 303,
    headers: {
      Location: `/${encodeURIComponent(slug)}/cart?canceled=1`,
      "Cache-Control": "no-store",
      "X-Robots-Tag": "noindex",
    },
  });
}
