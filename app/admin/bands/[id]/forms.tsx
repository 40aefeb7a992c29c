import { getTranslations } from "next-intl/server";
import { changePlanAction, moderateBandAction, moderateReleaseAction, refundAction } from "@/app/admin/actions";
import { control } from "@/components/ui/field";
import { SubmitButton } from "@/components/ui/submit-button";
import type { Plan } from "@/db/schema";
import { moneyInputValue } from "@/lib/money";

/** A control sized for a table cell (the shared look is full width). */
const narrow = (width: string) => control.replace("w-full", width);

/** Every console action asks why: the reason goes to the audit trail (and to the band for a suspension). */
async function Reason({ id }: { id: string }) {
  const t = await getTranslations("admin.band");
  return (
    <label className="grid gap-1 text-sm">
      {t("reason")}
      <input id={id} name="reason" required maxLength={2000} className={control} />
    </label>
  );
}

export async function BandModeration({ artistId, status }: { artistId: string; status: "active" | "suspended" }) {
  const t = await getTranslations("admin.band");
  const suspend = status === "active";
  return (
    <form action={moderateBandAction} className="flex flex-wrap items-end gap-3" data-testid="band-moderation">
      <input type="hidden" name="artistId" value={artistId} />
      <input type="hidden" name="op" value={suspend ? "suspend" : "restore"} />
      <Reason id="band-reason" />
      <SubmitButton variant={suspend ? "danger" : "primary"}>{suspend ? t("suspend") : t("restore")}</SubmitButton>
    </form>
  );
}

export async function PlanForm({ artistId, plan }: { artistId: string; plan: Plan }) {
  const t = await getTranslations("admin.band");
  const tb = await getTranslations("admin.bands");
  return (
    <form action={changePlanAction} className="flex flex-wrap items-end gap-3" data-testid="plan-form">
      <input type="hidden" name="artistId" value={artistId} />
      <label className="grid gap-1 text-sm">
        {t("changePlan")}
        <select name="plan" defaultValue={plan === "free" ? "pro" : "free"} className={control}>
          <option value="free">{tb("plans.free")}</option>
          <option value="pro">{tb("plans.pro")}</option>
        </select>
      </label>
      <Reason id="plan-reason" />
      <SubmitButton variant="secondary">{t("savePlan")}</SubmitButton>
    </form>
  );
}

export async function ReleaseModeration({
  artistId,
  releaseId,
  takenDown,
}: {
  artistId: string;
  releaseId: string;
  takenDown: boolean;
}) {
  const t = await getTranslations("admin.band");
  return (
    <form action={moderateReleaseAction} className="flex flex-wrap items-end gap-2">
      <input type="hidden" name="artistId" value={artistId} />
      <input type="hidden" name="releaseId" value={releaseId} />
      <input type="hidden" name="op" value={takenDown ? "restore_release" : "take_down"} />
      <input
        name="reason"
        required
        maxLength={2000}
        aria-label={t("reason")}
        placeholder={t("reason")}
        className={narrow("w-40")}
      />
      <SubmitButton variant={takenDown ? "secondary" : "danger"}>
        {takenDown ? t("restoreRelease") : t("takeDown")}
      </SubmitButton>
    </form>
  );
}

export async function RefundForm({
  artistId,
  orderId,
  currency,
  left,
}: {
  artistId: string;
  orderId: string;
  currency: string;
  left: number;
}) {
  const t = await getTranslations("admin.band");
  return (
    <form action={refundAction} className="flex flex-wrap items-end gap-2">
      <input type="hidden" name="artistId" value={artistId} />
      <input type="hidden" name="orderId" value={orderId} />
      <input type="hidden" name="currency" value={currency} />
      <input
        name="amount"
        defaultValue={moneyInputValue(left, currency)}
        aria-label={t("refundAmount", { currency })}
        inputMode="decimal"
        className={narrow("w-24")}
      />
      <input
        name="reason"
        required
        maxLength={2000}
        aria-label={t("reason")}
        placeholder={t("reason")}
        className={narrow("w-32")}
      />
      <SubmitButton variant="danger">{t("refundButton")}</SubmitButton>
    </form>
  );
}
