"use client";

import { useTranslations } from "next-intl";
import Link from "next/link";
import { useActionState } from "react";
import { Field } from "@/components/ui/field";
import { Notice } from "@/components/ui/notice";
import { SubmitButton } from "@/components/ui/submit-button";

export type RedeemCreditState =
  | null
  | { ok: true; message: string; linkSent?: boolean }
  | { ok: false; error: string; field?: "code" | "email"; values: { code: string; email: string } };

type Action = (state: RedeemCreditState, form: FormData) => Promise<RedeemCreditState>;

/**
 * A gift card's code into the fan's balance. Signed in to the library: one button. Not yet: the
 * fan's e-mail, for a sign-in link that comes back here with the code.
 */
export function RedeemCreditForm({
  action,
  signedIn,
  initialCode,
  showLibraryLink = true,
}: {
  action: Action;
  signedIn: boolean;
  initialCode: string;
  showLibraryLink?: boolean;
}) {
  const t = useTranslations("gifts.redeem");
  const [state, formAction] = useActionState(action, null);
  if (state?.ok) {
    return (
      <div className="space-y-4" data-testid={state.linkSent ? "gift-link-sent" : "gift-redeemed"}>
        <Notice tone="success">{state.message}</Notice>
        {!state.linkSent && showLibraryLink && (
          <Link href="/library" className="inline-flex rounded-md bg-ink px-4 py-2 text-sm font-medium text-white">
            {t("toLibrary")}
          </Link>
        )}
      </div>
    );
  }
  const failed = state && !state.ok ? state : null;
  return (
    <form action={formAction} className="space-y-4" noValidate data-testid="gift-redeem-form">
      {failed && !failed.field && <Notice tone="error">{failed.error}</Notice>}
      <Field
        label={t("code")}
        name="code"
        defaultValue={failed?.values.code ?? initialCode}
        error={failed?.field === "code" ? failed.error : null}
        autoComplete="off"
        autoCapitalize="characters"
        spellCheck={false}
        required
      />
      {!signedIn && (
        <Field
          label={t("email")}
          name="email"
          type="email"
          autoComplete="email"
          hint={t("emailIntro")}
          defaultValue={failed?.values.email ?? ""}
          error={failed?.field === "email" ? failed.error : null}
          required
        />
      )}
      <SubmitButton className="w-full">{signedIn ? t("submit") : t("sendLink")}</SubmitButton>
    </form>
  );
}
