import { db } from "@/db";
import { unsubscribeWithToken } from "@/lib/fans";
import { negotiateLocale, translator } from "@/lib/i18n";

/**
 * RFC 8058 one-click unsubscribe: the fan's mail client POSTs `List-Unsubscribe=One-Click` to
 * /library/unsubscribe/<token> and the proxy hands it here (lib/fans/unsubscribe-link.ts). No
 * confirmation (the client already asked the fan), no cookies; the signed token is the only key
 * and says which fan leaves which band. Repeating it is harmless.
 */
export async function POST(request: Request, { params }: RouteContext<"/api/unsubscribe/[token]">) {
  const token = decodeURIComponent((await params).token);
  const { t } = translator(negotiateLocale(request.headers.get("accept-language")));
  const result = await unsubscribeWithToken(db, token);
  const headers = { "content-type": "text/plain; charset=utf-8", "cache-control": "no-store" };
  if (!result.ok) return new Response(t("bandops.unsubscribe.invalid"), { status: 404, headers });
  return new Response(t("bandops.unsubscribe.done", { band: result.band, email: result.email }), {
    status: 200,
    headers,
  });
}
