import type { DbOrTx } from "@/db/client";
import { readExchangeRates, saveExchangeRates } from "@/db/queries/exchange-rates";
import { env } from "@/lib/env";
import { freshRates, parseEcbRates } from "@/lib/fx";
import { logger } from "@/lib/log";

export const EXCHANGE_RATES_QUEUE = "exchange-rates";

/** The ECB publishes around 16:00 Frankfurt time on working days: asked at 16:05 UTC, after it in every season. */
export const EXCHANGE_RATES_CRON = "5 16 * * *";

const TIMEOUT_MS = 15_000;

export type RatesRefresh = { ok: true; date: string; currencies: number } | { ok: false; reason: string };

/**
 * Fetches the reference rates (EXCHANGE_RATES_URL, the ECB's daily XML) and stores them. An
 * unreachable source, an error status or an answer that is not the ECB's XML is logged and
 * changes nothing: the rates stored before keep serving until they are too old to show.
 */
export async function refreshExchangeRates(
  db: DbOrTx,
  url: string = env().EXCHANGE_RATES_URL,
  now: Date = new Date(),
): Promise<RatesRefresh> {
  const refused = (reason: string): RatesRefresh => {
    logger.warn({ url, reason }, "exchange rates not updated; the stored rates are kept");
    return { ok: false, reason };
  };
  let body: string;
  try {
    const response = await fetch(url, {
      signal: AbortSignal.timeout(TIMEOUT_MS),
      headers: { accept: "application/xml" },
    });
    if (!response.ok) return refused(`The rates source answered ${response.status}.`);
    body = await response.text();
  } catch (error) {
    return refused(
      `The rates source could not be reached (${error instanceof Error ? error.message : String(error)}).`,
    );
  }
  const parsed = parseEcbRates(body);
  if (!parsed.ok) return refused(parsed.reason);
  const currencies = await saveExchangeRates(
    db,
    { date: parsed.rates.date, perEuro: { ...parsed.rates.perEuro } },
    now,
  );
  logger.info({ date: parsed.rates.date, currencies }, "exchange rates updated");
  return { ok: true, date: parsed.rates.date, currencies };
}

/** Whether the stored rates are missing or too old to show (a worker then asks for new ones at once). */
export async function exchangeRatesStale(db: DbOrTx, now: Date = new Date()): Promise<boolean> {
  return freshRates(await readExchangeRates(db), now) === null;
}
