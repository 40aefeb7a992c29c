import { db } from "@/db";
import { negotiateLocale, translator } from "@/lib/i18n";
import { unsubscribeFromNews } from "@/lib/news";

/**
 * RFC 8058 one-click unsubscribe from a band's news mail: the mail client POSTs to
 * /news/unsubscribe/<token> and the proxy hands it here (lib/news/unsubscribe-link.ts). The signed
 * token names the delivery; no cookies, no confirmation; repeating it is harmless.
 */
export async function POST(request: Request, { params }: RouteContext<"/api/news/unsubscribe/[token]">) {
  const token = decodeURIComponent((await params).token);
  const { t } = translator(negotiateLocale(request.headers.get("accept-language")));
  const result = await unsubscribeFromNews(db, token);
  const headers = { "content-type": "text/plain; charset=utf-8", "cache-control": "no-store" };
  if (!result.ok) return new Response(t("news.unsubscribe.invalid"), { status: 404, headers });
  return new Response(t("news.unsubscribe.done", { band: result.band, email: result.email }), {
    status: 200,
    headers,
  });
}
