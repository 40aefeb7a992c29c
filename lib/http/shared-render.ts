/**
 * A shared render is the one copy of a fan-facing page (home, shop, release, widget, oEmbed)
 * that lib/cli/server.ts's page cache keeps and serves to every visitor. The front door asks Next
 * for it with SHARED_RENDER_HEADER set, no cookies and no Accept-Language, and strips the header
 * from every request that comes from outside, so only the cache can ask for one.
 *
 * In a shared render a page reads nothing of the visitor: no session, no cart, no language
 * other than its URL's. What belongs to one visitor (the signed-in header, the cart count, a
 * member's edit link) comes from GET /api/visitor in the browser. proxy.ts sets no nonce for it:
 * the cache puts a hash-based Content-Security-Policy on the stored copy.
 */
export const SHARED_RENDER_HEADER = "x-merch-shared-render";
