"use client";

import { useTranslations } from "next-intl";
import { useActionState } from "react";
import { FormStatus } from "@/components/ui/form-status";
import { SubmitButton } from "@/components/ui/submit-button";

type State = null | { ok: true; message: string } | { ok: false; error: string };

export function ResendReceiptForm({
  action,
  artistId,
  orderId,
  email,
}: {
  action: (state: State, form: FormData) => Promise<State>;
  artistId: string;
  orderId: string;
  email: string;
}) {
  const t = useTranslations("bandops.orders.resend");
  const [state, formAction] = useActionState(action, null);
  return (
    <form action={formAction} className="space-y-3" data-testid="resend-receipt">
      <input type="hidden" name="artistId" value={artistId} />
      <input type="hidden" name="orderId" value={orderId} />
      <p className="text-sm text-muted">{t("intro", { email })}</p>
      <div className="flex flex-wrap items-center gap-3">
        <SubmitButton variant="secondary">{t("submit")}</SubmitButton>
        <FormStatus state={state} testId="resend-status" />
      </div>
    </form>
  );
}
