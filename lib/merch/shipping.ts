import { asc, eq } from "drizzle-orm";
import type { Db, DbOrTx } from "@/db/client";
import { artists, shippingRates, type ShippingRate } from "@/db/schema";
import { checkArtistAccess } from "@/lib/artists";
import type { FieldErrors } from "./input";
import { parseShippingInput } from "./shipping-input";

/** Zones in the order the rule reads them, which is also the order the page lists them (by currency). */
const zoneOrder = { custom: 0, home: 1, europe: 2, world: 3 } as const;

export type ShippingSettings = { country: string | null; currency: string; rates: ShippingRate[] };

/** Call after the membership check (dashboard pages). */
export async function getShippingSettings(db: DbOrTx, artistId: string): Promise<ShippingSettings> {
  const [artist] = await db
    .select({ country: artists.country, currency: artists.currency })
    .from(artists)
    .where(eq(artists.id, artistId));
  const rates = await db
    .select()
    .from(shippingRates)
    .where(eq(shippingRates.artistId, artistId))
    .orderBy(asc(shippingRates.label), asc(shippingRates.id));
  rates.sort((a, b) => a.currency.localeCompare(b.currency) || zoneOrder[a.zone] - zoneOrder[b.zone]);
  return { country: artist?.country ?? null, currency: artist?.currency ?? "EUR", rates };
}

export type ShippingResult =
  | { ok: true; settings: ShippingSettings }
  | { ok: false; error: "not_found" }
  | { ok: false; error: "invalid"; fieldErrors: FieldErrors };

/**
 * Saves the ship-from country and the whole list of rates at once, each in its own currency.
 * Orders keep the shipping amount they were charged, so nothing refers to an old rate row.
 */
export async function saveShippingSettings(
  db: Db,
  userId: string,
  artistId: string,
  raw: Record<string, unknown>,
): Promise<ShippingResult> {
  const access = await checkArtistAccess(db, userId, { id: artistId });
  if (!access.allowed) return { ok: false, error: "not_found" };
  const parsed = parseShippingInput(raw);
  if (!parsed.ok) return { ok: false, error: "invalid", fieldErrors: parsed.fieldErrors };
  await db.transaction(async (tx) => {
    await tx.update(artists).set({ country: parsed.data.country }).where(eq(artists.id, artistId));
    await tx.delete(shippingRates).where(eq(shippingRates.artistId, artistId));
    if (parsed.data.rates.length)
      await tx.insert(shippingRates).values(parsed.data.rates.map((rate) => ({ ...rate, artistId })));
  });
  return { ok: true, settings: await getShippingSettings(db, artistId) };
}
