"use client";

import { useTranslations } from "next-intl";
import { useActionState, useRef, useState, useTransition, type FormEvent } from "react";
import { FieldNotes, selectClass } from "@/components/ui/field";
import { Notice } from "@/components/ui/notice";
import { formatMoney, parseMoneyInput } from "@/lib/money";

type State = null | { ok: true; message: string } | { ok: false; error: string };

/**
 * Full or partial refund of one order. The amount is read here only to word the confirmation
 * ("Refund €5.00 to …?"); the server parses it again and decides.
 */
export function RefundForm({
  action,
  artistId,
  order,
  locale,
}: {
  action: (state: State, form: FormData) => Promise<State>;
  artistId: string;
  order: { id: string; email: string | null; currency: string; left: number; refundedAmount: number };
  locale: string;
}) {
  const t = useTranslations("selling.refund");
  const [state, formAction, pending] = useActionState(action, null);
  const [, startTransition] = useTransition();
  const [mode, setMode] = useState<"full" | "partial">("full");
  const [typed, setTyped] = useState("");
  const [problem, setProblem] = useState<string | null>(null);
  const [confirming, setConfirming] = useState<number | null>(null);
  const form = useRef<HTMLFormElement>(null);
  const dialog = useRef<HTMLDialogElement>(null);
  const money = (amount: number) => formatMoney(amount, order.currency, locale);

  function ask(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    let amount = order.left;
    if (mode === "partial") {
      const parsed = parseMoneyInput(typed, order.currency);
      if (!parsed.ok) return setProblem(t(`errors.${parsed.error}`, { amount: money(order.left) }));
      if (parsed.amount <= 0 || parsed.amount > order.left)
        return setProblem(t("errors.amount_invalid", { amount: money(order.left) }));
      amount = parsed.amount;
    }
    setProblem(null);
    setConfirming(amount);
    dialog.current?.showModal();
  }

  function confirm() {
    dialog.current?.close();
    const data = new FormData(form.current!);
    startTransition(() => formAction(data));
  }

  const notices = (
    <>
      {state?.ok && <Notice tone="success">{state.message}</Notice>}
      {state && !state.ok && <Notice tone="error">{state.error}</Notice>}
    </>
  );
  // Stays mounted after the last refund so its confirmation is still on screen.
  if (order.left <= 0) {
    return (
      <div className="space-y-4" data-testid="refund-form">
        {notices}
        <p className="text-sm text-muted">{t("notRefundable")}</p>
      </div>
    );
  }
  return (
    <form ref={form} onSubmit={ask} className="space-y-4" noValidate data-testid="refund-form">
      <input type="hidden" name="artistId" value={artistId} />
      <input type="hidden" name="orderId" value={order.id} />
      <input type="hidden" name="refundedWas" value={order.refundedAmount} />
      {notices}
      <p className="text-sm text-muted">{t("intro", { amount: money(order.left) })}</p>
      <fieldset className="space-y-2 text-sm">
        <label className="flex items-center gap-2">
          <input type="radio" name="mode" value="full" checked={mode === "full"} onChange={() => setMode("full")} />
          {t("full", { amount: money(order.left) })}
        </label>
        <label className="flex items-center gap-2">
          <input
            type="radio"
            name="mode"
            value="partial"
            checked={mode === "partial"}
            onChange={() => setMode("partial")}
          />
          {t("partial")}
        </label>
      </fieldset>
      {mode === "partial" && (
        <div className="sm:max-w-xs">
          <label htmlFor="refund-amount" className="mb-1 block text-sm font-medium">
            {t("amount")} <span className="sr-only">({order.currency})</span>
          </label>
          <div className="relative">
            <input
              id="refund-amount"
              name="amount"
              inputMode="decimal"
              autoComplete="off"
              value={typed}
              onChange={(e) => setTyped(e.target.value)}
              aria-invalid={problem ? true : undefined}
              aria-describedby={problem ? "refund-amount-error" : undefined}
              className={`${selectClass} pr-14 tabular-nums`}
            />
            <span
              aria-hidden
              className="pointer-events-none absolute inset-y-0 right-3 flex items-center text-xs font-medium text-muted"
            >
              {order.currency}
            </span>
          </div>
          <FieldNotes errorId="refund-amount-error" error={problem} />
        </div>
      )}
      {mode === "full" && <FieldNotes errorId="refund-amount-error" error={problem} />}
      <button
        type="submit"
        disabled={pending}
        aria-busy={pending || undefined}
        className="rounded-md border border-red-200 bg-white px-4 py-2 text-sm font-medium text-red-700 hover:bg-red-50 disabled:opacity-60"
      >
        {t("submit")}
      </button>
      <dialog
        ref={dialog}
        className="m-auto max-w-md rounded-lg border border-line bg-white p-6 text-ink shadow-xl backdrop:bg-black/40"
        data-testid="refund-confirm"
      >
        <p className="text-sm">
          {confirming !== null && t("confirm", { amount: money(confirming), email: order.email ?? "—" })}
        </p>
        <div className="mt-6 flex justify-end gap-3">
          <button
            type="button"
            onClick={() => dialog.current?.close()}
            className="rounded-md border border-stone-300 bg-white px-4 py-2 text-sm font-medium hover:bg-stone-50"
          >
            {t("cancel")}
          </button>
          <button
            type="button"
            onClick={confirm}
            className="rounded-md bg-red-700 px-4 py-2 text-sm font-medium text-white hover:bg-red-800"
          >
            {t("confirmButton")}
          </button>
        </div>
      </dialog>
    </form>
  );
}
