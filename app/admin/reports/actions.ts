"use server";

import { redirect } from "next/navigation";
import { z } from "zod";
import { db } from "@/db";
import { requireOperator } from "@/lib/auth/operator-guard";
import { deliverSoon } from "@/lib/email";
import { dismissReport, getReport, suspendArtist, takeDownRelease } from "@/lib/moderation";

const schema = z.object({
  reportId: z.uuid(),
  decision: z.enum(["takeDown", "suspend", "dismiss"]),
  reason: z.string().trim().max(2000),
  status: z.enum(["open", "actioned", "dismissed"]).catch("open"),
});

type Outcome =
  "takeDown" | "suspend" | "dismiss" | "reason_required" | "not_found" | "unchanged" | "no_release" | "closed";

/**
 * One operator decision on a report, with a reason. The page hiding buttons protects nothing: the
 * caller is checked here, and lib/moderation closes the report in the transaction of its effect.
 * The outcome comes back in the address (a plain form, no script), and a refusal changes nothing.
 */
export async function decideReportAction(form: FormData) {
  const operator = await requireOperator();
  const input = schema.safeParse(Object.fromEntries(form));
  const back = (outcome: Outcome, status = "open") => redirect(`/admin/reports?status=${status}&outcome=${outcome}`);
  if (!input.success) {
    const reasonTooLong = input.error.issues.some((issue) => issue.path[0] === "reason");
    return back(reasonTooLong ? "reason_required" : "not_found");
  }
  const { reportId, decision, reason, status } = input.data;
  if (!reason) return back("reason_required", status);
  const report = await getReport(db, reportId);
  if (!report) return back("not_found", status);
  if (report.status !== "open") return back("closed", status);
  const actor = { kind: "operator" as const, userId: operator.id, email: operator.email };
  if (decision === "dismiss") {
    const result = await dismissReport(db, reportId, { actor, reason });
    return back(result.ok ? "dismiss" : result.error === "unchanged" ? "closed" : result.error, status);
  }
  if (decision === "takeDown" && !report.releaseId) return back("no_release", status);
  const result =
    decision === "takeDown"
      ? await takeDownRelease(db, report.releaseId!, { actor, reason, reportId })
      : await suspendArtist(db, report.artistId, { actor, reason, reportId });
  // The band's e-mail was queued with the change; send it now rather than at the next sweep.
  if (result.ok) await deliverSoon(db);
  return back(result.ok ? decision : result.error, status);
}
