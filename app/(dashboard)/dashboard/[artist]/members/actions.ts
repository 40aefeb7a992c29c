"use server";

import { getLocale, getTranslations } from "next-intl/server";
import { revalidatePath } from "next/cache";
import { db } from "@/db";
import { inviteMember, removeMember, revokeInvite } from "@/lib/artists";
import { requireUser } from "@/lib/auth";

export type MembersFormState =
  null | { ok: true; message: string } | { ok: false; error?: string; fieldErrors?: Record<string, string> };

// Each action re-checks ownership in lib/artists: the page hiding a button protects nothing.

export async function inviteMemberAction(_prev: MembersFormState, form: FormData): Promise<MembersFormState> {
  const user = await requireUser();
  const t = await getTranslations();
  const artistId = String(form.get("artistId") ?? "");
  const result = await inviteMember(
    db,
    user.id,
    artistId,
    { email: form.get("email"), role: form.get("role") },
    await getLocale(),
  );
  if (!result.ok) {
    if (result.error === "invalid") {
      return {
        ok: false,
        fieldErrors: Object.fromEntries(
          Object.entries(result.fieldErrors ?? {}).map(([k, code]) => [
            k,
            t(`errors.${code}` as "errors.email_invalid"),
          ]),
        ),
      };
    }
    return {
      ok: false,
      error: result.error === "already_member" ? t("dashboard.members.alreadyMember") : t("errors.forbidden"),
    };
  }
  revalidatePath("/dashboard", "layout");
  return { ok: true, message: t("dashboard.members.sent", { email: String(form.get("email")).trim().toLowerCase() }) };
}

export async function removeMemberAction(_prev: MembersFormState, form: FormData): Promise<MembersFormState> {
  const user = await requireUser();
  const t = await getTranslations();
  const result = await removeMember(db, user.id, String(form.get("artistId") ?? ""), String(form.get("userId") ?? ""));
  if (!result.ok)
    return {
      ok: false,
      error: result.error === "last_owner" ? t("dashboard.members.lastOwner") : t("errors.forbidden"),
    };
  revalidatePath("/dashboard", "layout");
  return { ok: true, message: t("dashboard.members.removed") };
}

export async function revokeInviteAction(_prev: MembersFormState, form: FormData): Promise<MembersFormState> {
  const user = await requireUser();
  const t = await getTranslations();
  const result = await revokeInvite(
    db,
    user.id,
    String(form.get("artistId") ?? ""),
    String(form.get("inviteId") ?? ""),
  );
  if (!result.ok) return { ok: false, error: t("errors.forbidden") };
  revalidatePath("/dashboard", "layout");
  return { ok: true, message: t("dashboard.members.removed") };
}
