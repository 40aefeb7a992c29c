import { db } from "@/db";
import { readExchangeRates } from "@/db/queries/exchange-rates";
import { freshRates } from "@/lib/fx";

/**
 * The day's reference rates for the widgets' approximate prices: the same answer for everyone
 * (no cookie read or set, nothing of the visitor), so a CDN and the browser may keep it an hour.
 * `{ rates: null }` when none are fresh: the widgets then show only the band's price.
 */
export async function GET() {
  const rates = freshRates(await readExchangeRates(db));
  return Response.json(
    { rates },
    {
      headers: {
        "Cache-Control": "public, max-age=3600, s-maxage=3600, stale-while-revalidate=600",
        "Access-Control-Allow-Origin": "*",
        "X-Robots-Tag": "noindex",
      },
    },
  );
}
