"use client";

import { useTranslations } from "next-intl";
import { useActionState, useState } from "react";
import { Field } from "@/components/ui/field";
import { FormStatus } from "@/components/ui/form-status";
import { Notice } from "@/components/ui/notice";
import { SubmitButton } from "@/components/ui/submit-button";

type State = null | { ok: true; message: string } | { ok: false; error: string; field?: "carrier" | "trackingNumber" };

/**
 * Record a posted parcel: every unshipped physical item at once, or the ticked ones when the band
 * sends the order in several parcels. Stays mounted once all is shipped so its message stays.
 */
export function ShipForm({
  action,
  artistId,
  orderId,
  unshipped,
  carriers,
}: {
  action: (state: State, form: FormData) => Promise<State>;
  artistId: string;
  orderId: string;
  unshipped: { id: string; label: string }[];
  carriers: string[];
}) {
  const t = useTranslations("bandops.orders.ship");
  const [state, formAction] = useActionState(action, null);
  const [scope, setScope] = useState<"all" | "items">("all");
  // Controlled, so what the band typed survives the form reset React does after each submit.
  const [carrier, setCarrier] = useState("");
  const [trackingNumber, setTrackingNumber] = useState("");
  const [picked, setPicked] = useState<string[]>(() => unshipped.map((i) => i.id));
  if (unshipped.length === 0) {
    return (
      <div className="space-y-3" data-testid="ship-form">
        {/* The button is gone once all is shipped: its message takes its place. */}
        {state?.ok && <Notice tone="success">{state.message}</Notice>}
        <p className="text-sm text-muted">{t("everythingShipped")}</p>
      </div>
    );
  }
  const fieldError = (field: "carrier" | "trackingNumber") =>
    state && !state.ok && state.field === field ? state.error : null;
  return (
    <form action={formAction} className="space-y-4" noValidate data-testid="ship-form">
      <input type="hidden" name="artistId" value={artistId} />
      <input type="hidden" name="orderId" value={orderId} />
      <p className="text-sm text-muted">{t("intro")}</p>
      {unshipped.length > 1 && (
        <fieldset className="space-y-2 text-sm">
          <label className="flex items-center gap-2">
            <input type="radio" name="scope" value="all" checked={scope === "all"} onChange={() => setScope("all")} />
            {t("all")}
          </label>
          <label className="flex items-center gap-2">
            <input
              type="radio"
              name="scope"
              value="items"
              checked={scope === "items"}
              onChange={() => setScope("items")}
            />
            {t("items")}
          </label>
          {scope === "items" && (
            <div className="space-y-1 pl-6">
              {unshipped.map((item) => (
                <label key={item.id} className="flex items-center gap-2">
                  <input
                    type="checkbox"
                    name="itemId"
                    value={item.id}
                    checked={picked.includes(item.id)}
                    onChange={(e) =>
                      setPicked((ids) => (e.target.checked ? [...ids, item.id] : ids.filter((id) => id !== item.id)))
                    }
                  />
                  {item.label}
                </label>
              ))}
            </div>
          )}
        </fieldset>
      )}
      <div className="grid gap-4 sm:grid-cols-2">
        <Field
          label={t("carrier")}
          name="carrier"
          value={carrier}
          onChange={(e) => setCarrier(e.target.value)}
          list="known-carriers"
          maxLength={60}
          autoComplete="off"
          error={fieldError("carrier")}
        />
        <Field
          label={t("trackingNumber")}
          name="trackingNumber"
          value={trackingNumber}
          onChange={(e) => setTrackingNumber(e.target.value)}
          maxLength={60}
          autoComplete="off"
          spellCheck={false}
          error={fieldError("trackingNumber")}
        />
      </div>
      <datalist id="known-carriers">
        {carriers.map((c) => (
          <option key={c} value={c} />
        ))}
      </datalist>
      <div className="flex flex-wrap items-center gap-3">
        <SubmitButton>{t("submit")}</SubmitButton>
        {/* An error about one field is shown under that field. */}
        <FormStatus state={state && !state.ok && state.field ? null : state} testId="ship-status" />
      </div>
    </form>
  );
}
