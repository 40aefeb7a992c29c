/**
 * The redirect of a GET that writes (a return from a payment page): 303 to a page that only
 * reads, never cached, never indexed. No page of ours links to such a route with <Link> (no prefetch).
 */
export function seeOther(location: string) {
  return new Response(null, {
    status: 303,
    headers: { Location: location, "Cache-Control": "no-store", "X-Robots-Tag": "noindex" },
  });
}
