import { eq } from "drizzle-orm";
import type { DbOrTx } from "@/db/client";
import { platformSettings, type Plan } from "@/db/schema";
import { env } from "@/lib/env";

export type PlanSettings = {
  currency: string;
  proYearlyAmount: number;
  proMonthlyAmount: number;
  /** Platform fee on sales, basis points (1000 = 10 %). */
  feeBasisPoints: Record<Plan, number>;
};

/** The operator's settings with the built-in defaults filled in (a fresh install has no row). */
export async function planSettings(db: DbOrTx): Promise<PlanSettings> {
  const [row] = await db.select().from(platformSettings).where(eq(platformSettings.id, "platform"));
  return {
    currency: row?.currency ?? "EUR",
    proYearlyAmount: row?.proYearlyAmount ?? 2900,
    proMonthlyAmount: row?.proMonthlyAmount ?? 300,
    feeBasisPoints: {
      free: row?.freeFeeBasisPoints ?? Math.round(env().PLATFORM_FEE_PERCENT * 100),
      pro: row?.proFeeBasisPoints ?? 0,
    },
  };
}

export type PlanSettingsInput = {
  currency: string;
  proYearlyAmount: number;
  proMonthlyAmount: number;
  freeFeeBasisPoints: number;
  proFeeBasisPoints: number;
};

/** The operator changes prices and fees; new orders and new subscriptions use them, old ones keep theirs. */
export async function savePlanSettings(db: DbOrTx, input: PlanSettingsInput): Promise<void> {
  await db
    .insert(platformSettings)
    .values({ id: "platform", ...input })
    .onConflictDoUpdate({ target: platformSettings.id, set: { ...input, updatedAt: new Date() } });
}
