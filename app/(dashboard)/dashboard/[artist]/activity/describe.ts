import type { AuditEntry } from "@/db/schema";

type T = (key: string, values?: Record<string, string | number>) => string;

const KNOWN = new Set([
  "artist.suspend",
  "artist.restore",
  "release.take_down",
  "release.restore",
  "order.refund",
  "plan.change",
  "member.invite",
  "member.invite_revoke",
  "member.join",
  "member.remove",
  "payout.connect_started",
  "payout.account_updated",
  "settings.vat",
]);

const text = (value: unknown) => (typeof value === "string" ? value : "");

/**
 * One line of the band's trail in plain words. Operators and the system are "Merchtable", never a
 * person's name or address; a member is named as the band knows them (`names`: user id → name).
 */
export function describeEntry(entry: AuditEntry, names: Map<string, string>, t: T): string {
  const actor =
    entry.actorKind === "member"
      ? (entry.actorUserId && names.get(entry.actorUserId)) || entry.actorEmail || t("someone")
      : t("merchtable");
  const d = entry.details ?? {};
  const role = (value: unknown) => (value === "owner" || value === "member" ? t(`roles.${value}`) : "");
  const values: Record<string, string | number> = {
    actor,
    title: text(d.title),
    order: text(d.reference) || (entry.targetId ?? "").slice(0, 8),
    plan: d.to === "pro" ? "Pro" : "Free",
    unlisted: Array.isArray(d.unlisted) ? d.unlisted.length : 0,
    email: text(d.email),
    role: role(d.role),
    status: t(`payoutStatus.${d.to === "active" || d.to === "pending" ? d.to : "none"}`),
    action: entry.action,
  };
  // Message keys cannot hold dots (they mean nesting): "release.take_down" → "release_take_down".
  return t(KNOWN.has(entry.action) ? `entries.${entry.action.replace(".", "_")}` : "entries.other", values);
}
