"use server";

import { redirect } from "next/navigation";
import { z } from "zod";
import { db } from "@/db";
import {
  changePlanByOperator,
  replayPaymentEvent,
  retryJob,
  updateCardValidity,
  updatePlatformSettings,
} from "@/lib/admin";
import type { Actor } from "@/lib/audit";
import { requireOperator } from "@/lib/auth/operator-guard";
import { restoreArtist, restoreRelease, suspendArtist, takeDownRelease } from "@/lib/moderation";
import { parseMoneyInput } from "@/lib/money";
import { refundOrder } from "@/lib/orders/refunds";

/**
 * The console's actions. Each is a public POST endpoint: it checks the operator itself (the
 * layout's check does not cover actions), parses its form with zod and answers by redirecting
 * back with `done` or `error` (a key under admin.flash), so a bad input changes nothing and says why.
 */
async function operatorActor(): Promise<Actor> {
  const user = await requireOperator();
  return { kind: "operator", userId: user.id, email: user.email };
}

const fields = (form: FormData) => Object.fromEntries([...form.entries()].map(([k, v]) => [k, String(v)]));
const back = (path: string, outcome: { done: string } | { error: string }): never => {
  const query = "done" in outcome ? `done=${outcome.done}` : `error=${outcome.error}`;
  redirect(`${path}${path.includes("?") ? "&" : "?"}${query}`);
};

/** The human error keys this file's schemas use; any other issue (a tampered id) reads as "invalid". */
const KNOWN_ISSUES = new Set(["reason_required", "reason_too_long", "invalid"]);
const issueOf = (error: z.ZodError | undefined) => {
  const message = error?.issues[0]?.message ?? "invalid";
  return KNOWN_ISSUES.has(message) ? message : "invalid";
};

const id = z.string().trim().min(1).max(64);
const reason = z.string().trim().min(1, "reason_required").max(2000, "reason_too_long");
const bandForm = z.object({ artistId: id, reason });

export async function moderateBandAction(form: FormData) {
  const actor = await operatorActor();
  const op = z.enum(["suspend", "restore"]).safeParse(form.get("op"));
  const parsed = bandForm.safeParse(fields(form));
  const page = `/admin/bands/${encodeURIComponent(String(form.get("artistId") ?? ""))}`;
  if (!op.success || !parsed.success) return back(page, { error: issueOf(parsed.error) });
  const run = op.data === "suspend" ? suspendArtist : restoreArtist;
  const result = await run(db, parsed.data.artistId, { actor, reason: parsed.data.reason });
  back(page, result.ok ? { done: op.data } : { error: result.error });
}

export async function moderateReleaseAction(form: FormData) {
  const actor = await operatorActor();
  const op = z.enum(["take_down", "restore_release"]).safeParse(form.get("op"));
  const parsed = bandForm.extend({ releaseId: id }).safeParse(fields(form));
  const page = `/admin/bands/${encodeURIComponent(String(form.get("artistId") ?? ""))}`;
  if (!op.success || !parsed.success) return back(page, { error: issueOf(parsed.error) });
  const run = op.data === "take_down" ? takeDownRelease : restoreRelease;
  const result = await run(db, parsed.data.releaseId, { actor, reason: parsed.data.reason });
  back(page, result.ok ? { done: op.data } : { error: result.error });
}

export async function changePlanAction(form: FormData) {
  const actor = await operatorActor();
  const parsed = bandForm.extend({ plan: z.enum(["free", "pro"], { error: "invalid" }) }).safeParse(fields(form));
  const page = `/admin/bands/${encodeURIComponent(String(form.get("artistId") ?? ""))}`;
  if (!parsed.success) return back(page, { error: issueOf(parsed.error) });
  const { artistId, plan, reason: why } = parsed.data;
  const result = await changePlanByOperator(db, artistId, plan, actor, why);
  back(page, result.ok ? { done: "plan" } : { error: result.error });
}

export async function refundAction(form: FormData) {
  const actor = await operatorActor();
  const parsed = bandForm.extend({ orderId: id, amount: z.string(), currency: z.string() }).safeParse(fields(form));
  const page = `/admin/bands/${encodeURIComponent(String(form.get("artistId") ?? ""))}`;
  if (!parsed.success) return back(page, { error: issueOf(parsed.error) });
  const money = parseMoneyInput(parsed.data.amount, parsed.data.currency);
  if (!money.ok) return back(page, { error: "amount_invalid" });
  const result = await refundOrder(db, {
    artistId: null,
    orderId: parsed.data.orderId,
    amount: money.amount,
    actor,
    reason: parsed.data.reason,
  });
  back(page, result.ok ? { done: "refund" } : { error: result.error });
}

export async function retryJobAction(form: FormData) {
  await requireOperator();
  const parsed = z.object({ name: z.string().min(1).max(200), id: z.uuid() }).safeParse(fields(form));
  if (!parsed.success) return back("/admin/jobs", { error: "invalid" });
  const retried = await retryJob(db, parsed.data.name, parsed.data.id);
  back("/admin/jobs", retried ? { done: "retry" } : { error: "not_failed" });
}

export async function replayEventAction(form: FormData) {
  const actor = await operatorActor();
  const parsed = z.object({ logId: id }).safeParse(fields(form));
  if (!parsed.success) return back("/admin/payments", { error: "invalid" });
  const result = await replayPaymentEvent(db, parsed.data.logId, actor);
  back("/admin/payments", result.ok ? { done: `replay_${result.result}` } : { error: result.error });
}

export async function saveSettingsAction(form: FormData) {
  const actor = await operatorActor();
  const f = fields(form);
  // Prices are typed in major units (29.00), fees in percent (2.5); stored as minor units and basis points.
  const money = (key: string) => {
    const parsed = parseMoneyInput(f[key] ?? "", f.currency ?? "EUR");
    return parsed.ok ? parsed.amount : Number.NaN;
  };
  const percent = (key: string) =>
    /^\d+([.,]\d{1,2})?$/.test(f[key]?.trim() ?? "")
      ? Math.round(Number(f[key].trim().replace(",", ".")) * 100)
      : Number.NaN;
  const result = await updatePlatformSettings(
    db,
    {
      currency: f.currency,
      proYearlyAmount: money("proYearly"),
      proMonthlyAmount: money("proMonthly"),
      freeFeeBasisPoints: percent("freeFee"),
      proFeeBasisPoints: percent("proFee"),
    },
    actor,
  );
  if (!result.ok) {
    const field = Object.keys(result.fieldErrors)[0] ?? "form";
    return back("/admin/settings", { error: `field_${field}` });
  }
  back("/admin/settings", { done: "saved" });
}

/** How long new gift and prepaid cards stay valid (empty: they never expire). */
export async function saveCardValidityAction(form: FormData) {
  const actor = await operatorActor();
  const result = await updateCardValidity(db, String(form.get("cardValidity") ?? "").slice(0, 20), actor);
  if (!result.ok) back("/admin/settings", { error: result.error });
  back("/admin/settings", { done: "saved" });
}
