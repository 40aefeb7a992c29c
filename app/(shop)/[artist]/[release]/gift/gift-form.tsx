"use client";

import { useActionState, useState } from "react";
import { control } from "@/components/ui/field";
import { SubmitButton } from "@/components/ui/submit-button";
import type { buyGiftAction, GiftFormState } from "./actions";

type Labels = Record<
  | "how"
  | "byEmail"
  | "byPrint"
  | "recipientEmail"
  | "recipientName"
  | "senderName"
  | "message"
  | "messageHint"
  | "deliverOn"
  | "deliverOnHint"
  | "buyerEmail"
  | "buyerEmailHint"
  | "amount"
  | "amountHint"
  | "submit",
  string
>;

type Props = {
  action: typeof buyGiftAction;
  artistSlug: string;
  releaseId: string;
  currency: string;
  /** Pay what you want: the amount field's starting value; absent for a fixed price. */
  amountDefault?: string;
  today: string;
  lastDay: string;
  messageMax: number;
  labels: Labels;
};

/** The gift's details; every value is checked again on the server. */
export function GiftForm(props: Props) {
  const [state, formAction] = useActionState<GiftFormState, FormData>(props.action, null);
  const [delivery, setDelivery] = useState<"email" | "print">("email");
  const { labels } = props;
  const typed = (field: string) => (state && !state.ok ? state.values?.[field] : undefined);
  const error = (field: string) =>
    state && !state.ok && state.field === field ? (
      <p id={`${field}-error`} role="alert" className="mt-1 text-sm text-red-700" data-testid="gift-field-error">
        {state.error}
      </p>
    ) : null;
  const invalid = (field: string) => (state && !state.ok && state.field === field ? true : undefined);
  return (
    <form action={formAction} className="space-y-5" data-testid="gift-form">
      <input type="hidden" name="artist" value={props.artistSlug} />
      <input type="hidden" name="release" value={props.releaseId} />
      <input type="hidden" name="currency" value={props.currency} />
      <input type="hidden" name="timeZone" value={Intl.DateTimeFormat().resolvedOptions().timeZone} />
      <fieldset>
        <legend className="mb-2 text-sm font-medium">{labels.how}</legend>
        <div className="flex flex-wrap gap-x-6 gap-y-2 text-sm">
          {(["email", "print"] as const).map((value) => (
            <label key={value} className="flex items-center gap-2">
              <input
                type="radio"
                name="delivery"
                value={value}
                checked={delivery === value}
                onChange={() => setDelivery(value)}
              />
              {value === "email" ? labels.byEmail : labels.byPrint}
            </label>
          ))}
        </div>
      </fieldset>
      {delivery === "email" && (
        <div>
          <label htmlFor="recipientEmail" className="mb-1 block text-sm font-medium">
            {labels.recipientEmail}
          </label>
          <input
            id="recipientEmail"
            name="recipientEmail"
            defaultValue={typed("recipientEmail")}
            type="email"
            required
            aria-invalid={invalid("recipientEmail")}
            className={control}
          />
          {error("recipientEmail")}
        </div>
      )}
      <div className="grid gap-4 sm:grid-cols-2">
        <div>
          <label htmlFor="recipientName" className="mb-1 block text-sm font-medium">
            {labels.recipientName}
          </label>
          <input
            id="recipientName"
            name="recipientName"
            defaultValue={typed("recipientName")}
            maxLength={80}
            className={control}
          />
          {error("recipientName")}
        </div>
        <div>
          <label htmlFor="senderName" className="mb-1 block text-sm font-medium">
            {labels.senderName}
          </label>
          <input
            id="senderName"
            name="senderName"
            defaultValue={typed("senderName")}
            maxLength={80}
            className={control}
          />
        </div>
      </div>
      <div>
        <label htmlFor="message" className="mb-1 block text-sm font-medium">
          {labels.message}
        </label>
        <textarea
          id="message"
          name="message"
          defaultValue={typed("message")}
          rows={4}
          maxLength={props.messageMax}
          aria-invalid={invalid("message")}
          aria-describedby="message-hint"
          className={control}
        />
        <p id="message-hint" className="mt-1 text-xs text-muted">
          {labels.messageHint}
        </p>
        {error("message")}
      </div>
      {delivery === "email" && (
        <div>
          <label htmlFor="deliverOn" className="mb-1 block text-sm font-medium">
            {labels.deliverOn}
          </label>
          <input
            id="deliverOn"
            name="deliverOn"
            type="date"
            required
            min={props.today}
            max={props.lastDay}
            defaultValue={typed("deliverOn") ?? props.today}
            aria-invalid={invalid("deliverOn")}
            aria-describedby="deliverOn-hint"
            className={control}
          />
          <p id="deliverOn-hint" className="mt-1 text-xs text-muted">
            {labels.deliverOnHint}
          </p>
          {error("deliverOn")}
        </div>
      )}
      {props.amountDefault !== undefined && (
        <div>
          <label htmlFor="amount" className="mb-1 block text-sm font-medium">
            {labels.amount}
          </label>
          <input
            id="amount"
            name="amount"
            inputMode="decimal"
            defaultValue={typed("amount") ?? props.amountDefault}
            aria-invalid={invalid("amount")}
            aria-describedby="amount-hint"
            className={`${control} tabular-nums`}
          />
          <p id="amount-hint" className="mt-1 text-xs text-muted">
            {labels.amountHint}
          </p>
          {error("amount")}
        </div>
      )}
      <div>
        <label htmlFor="buyerEmail" className="mb-1 block text-sm font-medium">
          {labels.buyerEmail}
        </label>
        <input
          id="buyerEmail"
          name="buyerEmail"
          defaultValue={typed("buyerEmail")}
          type="email"
          autoComplete="email"
          required
          aria-invalid={invalid("buyerEmail")}
          aria-describedby="buyerEmail-hint"
          className={control}
        />
        <p id="buyerEmail-hint" className="mt-1 text-xs text-muted">
          {labels.buyerEmailHint}
        </p>
        {error("buyerEmail")}
      </div>
      <SubmitButton className="w-full py-3 text-base">{labels.submit}</SubmitButton>
      {state && !state.ok && !state.field && (
        <p role="alert" className="text-sm text-red-700" data-testid="gift-error">
          {state.error}
        </p>
      )}
    </form>
  );
}
