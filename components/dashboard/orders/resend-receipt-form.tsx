"use client";

import { useActionState } from "react";
import { useTranslations } from "next-intl";
import { Notice } from "@/components/ui/notice";
import { SubmitButton } from "@/components/ui/submit-button";

type State = null | { ok: true; message: string } | { ok: false; error: string };

export function ResendReceiptForm({ action, artistId, orderId, email }: { action: (state: State, form: FormData) => Promise<State>; artistId: string; orderId: string; email: string }) {
  const t = useTranslations("bandops.orders.resend");
  const [state, formAction] = useActionState(action, null);
  return (
    <form action={formAction} className="space-y-3" data-testid="resend-receipt">
      <input type="hidden" name="artistId" value={artistId} />
      <input type="hidden" name="orderId" value={orderId} />
      {state?.ok && <Notice tone="success">{state.message}</Notice>}
      {state && !state.ok && <Notice tone="error">{state.error}</Notice>}
      <p className="text-sm text-muted">{t("intro", { email })}</p>
      <SubmitButton variant="secondary">{t("submit")}</SubmitButton>
    </form>
  );
}
