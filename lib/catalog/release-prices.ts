import { eq } from "drizzle-orm";
import type { Db } from "@/db/client";
import { releases, tracks, type Track } from "@/db/schema";
import { moneyInputValue } from "@/lib/money";
import { fieldErrorsOf, type FieldErrors } from "./input";
import { moneyField, parsePricing, priceFloor } from "./price-input";
import { releaseForMember } from "./releases";

/**
 * What the "sell each track at" field shows: the one fixed price every track is sold at, blank
 * when none is sold alone, or `mixed` when the band priced tracks one by one (then a blank field
 * leaves them as they are rather than wiping their prices).
 */
export function eachTrackPrice(
  list: Pick<Track, "pricingMode" | "priceAmount">[],
  currency: string,
): { value: string; mixed: boolean } {
  if (list.every((t) => t.pricingMode === null)) return { value: "", mixed: false };
  const first = list[0];
  const same = list.every(
    (t) => t.pricingMode === "fixed" && t.priceAmount === first.priceAmount && (t.priceAmount ?? 0) > 0,
  );
  return same ? { value: moneyInputValue(first.priceAmount ?? 0, currency), mixed: false } : { value: "", mixed: true };
}

/**
 * The release's price and, in the same write, every track's: a typed `trackPrice` sells each
 * track alone at that fixed price; blank means tracks are sold only with the release (unless the
 * form said they were `tracksMixed`: then they keep their own prices).
 */
export async function setReleasePrices(db: Db, userId: string, releaseId: string, raw: Record<string, unknown>) {
  const current = await releaseForMember(db, userId, releaseId);
  if (!current) return { ok: false, error: "not_found" } as const;
  const fieldErrors: FieldErrors = {};
  const pricing = parsePricing(raw, current.currency);
  if (!pricing.ok) Object.assign(fieldErrors, pricing.fieldErrors);
  const each = moneyField(current.currency)
    .refine((amount) => amount === null || amount > 0, "price_zero")
    .refine((amount) => amount === null || amount <= 0 || amount >= priceFloor(current.currency), "price_too_low")
    .safeParse(raw.trackPrice ?? "");
  if (!each.success)
    Object.assign(
      fieldErrors,
      Object.fromEntries(Object.values(fieldErrorsOf(each.error)).map((code) => ["trackPrice", code])),
    );
  if (!pricing.ok || !each.success || Object.keys(fieldErrors).length)
    return { ok: false, error: "invalid", fieldErrors } as const;
  const trackPrice = each.data;
  const keepTracks = trackPrice === null && raw.tracksMixed === "1";
  const release = await db.transaction(async (tx) => {
    const [row] = await tx.update(releases).set(pricing.pricing).where(eq(releases.id, releaseId)).returning();
    if (!keepTracks) {
      const rule =
        trackPrice === null
          ? { pricingMode: null, priceAmount: null, priceMinimum: 0 }
          : { pricingMode: "fixed" as const, priceAmount: trackPrice, priceMinimum: 0 };
      await tx.update(tracks).set(rule).where(eq(tracks.releaseId, releaseId));
    }
    return row;
  });
  return { ok: true, release } as const;
}
