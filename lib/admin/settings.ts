import { z } from "zod";
import type { Db } from "@/db/client";
import { CURRENCIES } from "@/lib/artists";
import { recordAudit, type Actor } from "@/lib/audit";
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
