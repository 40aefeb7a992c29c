import { eq } from "drizzle-orm";
import { z } from "zod";
import type { Db } from "@/db/client";
import { platformSettings } from "@/db/schema";
import { CURRENCIES } from "@/lib/artists";
import { recordAudit, type Actor } from "@/lib/audit";
import { MIN_CARD_VALIDITY_MONTHS } from "@/lib/credit";
import { planSettings, savePlanSettings, type PlanSettingsInput } from "@/lib/plans";

/** Limits a typo cannot get past: a Pro price up to 1,000 (major units) and a fee up to 50 % (the table's check). */
export const MAX_PRO_PRICE = 100_000;
export const MAX_FEE_BASIS_POINTS = 5_000;

const amount = z.number().int("whole").min(1, "too_small").max(MAX_PRO_PRICE, "too_large");
const fee = z.number().int("whole").min(0, "negative").max(MAX_FEE_BASIS_POINTS, "too_large");

export const settingsSchema = z.object({
  currency: z.enum(CURRENCIES, { error: "currency" }),
  proYearlyAmount: amount,
  proMonthlyAmount: amount,
  freeFeeBasisPoints: fee,
  proFeeBasisPoints: fee,
});

export type SettingsField = keyof PlanSettingsInput;
export type SaveSettingsResult = { ok: true } | { ok: false; fieldErrors: Partial<Record<SettingsField, string>> };

/** Validates, saves and audits (before and after) in one transaction. Messages are keys under admin.settings.errors. */
export async function updatePlatformSettings(db: Db, input: unknown, actor: Actor): Promise<SaveSettingsResult> {
  const parsed = settingsSchema.safeParse(input);
  if (!parsed.success) {
    const fieldErrors: Partial<Record<SettingsField, string>> = {};
    for (const issue of parsed.error.issues) fieldErrors[issue.path[0] as SettingsField] ??= issue.message;
    return { ok: false, fieldErrors };
  }
  await db.transaction(async (tx) => {
    const before = await planSettings(tx);
    await savePlanSettings(tx, parsed.data);
    await recordAudit(tx, {
      artistId: null,
      actor,
      action: "settings.update",
      target: { type: "platform_settings", id: "platform" },
      details: { before, after: parsed.data },
    });
  });
  return { ok: true };
}

/** Longest validity the console takes (ten years): past that, "never" says it better. */
export const MAX_CARD_VALIDITY_MONTHS = 120;

export type CardValidityInput =
  { ok: true; months: number | null } | { ok: false; error: "card_validity_short" | "card_validity_invalid" };

/** The console's field: empty means cards never expire; otherwise whole months, never below the legal minimum. */
export function parseCardValidity(text: string): CardValidityInput {
  const trimmed = text.trim();
  if (!trimmed) return { ok: true, months: null };
  if (!/^\d{1,4}$/.test(trimmed)) return { ok: false, error: "card_validity_invalid" };
  const months = Number(trimmed);
  if (months < MIN_CARD_VALIDITY_MONTHS) return { ok: false, error: "card_validity_short" };
  if (months > MAX_CARD_VALIDITY_MONTHS) return { ok: false, error: "card_validity_invalid" };
  return { ok: true, months };
}

/** Saves how long new gift and prepaid cards stay valid (cards already sold keep their date), audited. */
export async function updateCardValidity(db: Db, text: string, actor: Actor): Promise<CardValidityInput> {
  const parsed = parseCardValidity(text);
  if (!parsed.ok) return parsed;
  await db.transaction(async (tx) => {
    const [before] = await tx
      .select({ months: platformSettings.cardValidityMonths })
      .from(platformSettings)
      .where(eq(platformSettings.id, "platform"));
    await tx
      .insert(platformSettings)
      .values({ id: "platform", cardValidityMonths: parsed.months })
      .onConflictDoUpdate({
        target: platformSettings.id,
        set: { cardValidityMonths: parsed.months, updatedAt: new Date() },
      });
    await recordAudit(tx, {
      artistId: null,
      actor,
      action: "settings.update",
      target: { type: "platform_settings", id: "platform" },
      details: { before: { cardValidityMonths: before?.months ?? null }, after: { cardValidityMonths: parsed.months } },
    });
  });
  return parsed;
}
