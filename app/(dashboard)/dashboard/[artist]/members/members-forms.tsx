"use client";

import { useTranslations } from "next-intl";
import { useActionState } from "react";
import { Field, selectClass } from "@/components/ui/field";
import { FormStatus } from "@/components/ui/form-status";
import { SubmitButton } from "@/components/ui/submit-button";
import { inviteMemberAction, removeMemberAction, revokeInviteAction } from "./actions";

export function InviteForm({ artistId }: { artistId: string }) {
  const t = useTranslations("dashboard");
  const [state, action] = useActionState(inviteMemberAction, null);
  return (
    <form action={action} className="space-y-4" data-testid="invite-form">
      <input type="hidden" name="artistId" value={artistId} />
      <div className="grid gap-4 sm:grid-cols-[1fr_10rem_auto] sm:items-end">
        <Field
          label={t("members.email")}
          name="email"
          type="email"
          required
          error={state && !state.ok ? state.fieldErrors?.email : undefined}
        />
        <div>
          <label htmlFor="role" className="mb-1 block text-sm font-medium">
            {t("members.role")}
          </label>
          <select id="role" name="role" defaultValue="member" className={selectClass}>
            <option value="member">{t("roles.member")}</option>
            <option value="owner">{t("roles.owner")}</option>
          </select>
        </div>
        <SubmitButton>{t("members.send")}</SubmitButton>
      </div>
      <FormStatus state={state} testId="invite-status" />
    </form>
  );
}

export function RowAction({
  kind,
  artistId,
  id,
  label,
}: {
  kind: "remove" | "revoke";
  artistId: string;
  id: string;
  label: string;
}) {
  const [state, action] = useActionState(kind === "remove" ? removeMemberAction : revokeInviteAction, null);
  return (
    <form action={action} className="inline-flex flex-col items-end gap-1">
      <input type="hidden" name="artistId" value={artistId} />
      <input type="hidden" name={kind === "remove" ? "userId" : "inviteId"} value={id} />
      <SubmitButton variant="danger">{label}</SubmitButton>
      {state && !state.ok && <span className="text-xs text-red-700">{state.error}</span>}
    </form>
  );
}
