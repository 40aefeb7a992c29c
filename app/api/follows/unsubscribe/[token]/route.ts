import { db } from "@/db";
import { unsubscribeFollowWithToken } from "@/lib/follows";
import { negotiateLocale, translator } from "@/lib/i18n";

/**
 * RFC 8058 one-click unsubscribe from a follow mail: the mail client POSTs to
 * /follows/unsubscribe/<token> and the proxy hands it here (lib/follows/unsubscribe-link.ts). No
 * confirmation (the client asked the fan), no cookies: the signed token says which follow ends, or
 * that every mail from bands stops. Repeating it is harmless.
 */
export async function POST(request: Request, { params }: RouteContext<"/api/follows/unsubscribe/[token]">) {
  const token = decodeURIComponent((await params).token);
  const { t } = translator(negotiateLocale(request.headers.get("accept-language")));
  const result = await unsubscribeFollowWithToken(db, token);
  const headers = { "content-type": "text/plain; charset=utf-8", "cache-control": "no-store" };
  if (!result.ok) return new Response(t("follows.unsubscribe.invalid"), { status: 404, headers });
  const text =
    result.kind === "all"
      ? t("follows.unsubscribe.doneAll", { email: result.email })
      : t("follows.unsubscribe.doneFollow", { email: result.email, band: result.band });
  return new Response(text, { status: 200, headers });
}
