import { getTranslations } from "next-intl/server";
import { SubmitButton } from "@/components/ui/submit-button";
import type { PlanSubscriptionStatus } from "@/db/schema";
import { testBillingAction } from "./actions";

/** Only with test payments: play a renewal, a refused card, the grace period's end, a cancellation. */
export async function TestBillingPanel({ artistId, status }: { artistId: string; status: PlanSubscriptionStatus }) {
  const t = await getTranslations("billing.test");
  const steps = [
    ["renew", t("renew")],
    ...(status === "active" ? [["fail", t("fail")]] : []),
    ...(status === "past_due" ? [["skipGrace", t("skipGrace")]] : []),
    ["cancel", t("cancel")],
  ] as const;
  return (
    <section
      className="rounded-lg border-2 border-dashed border-amber-400 bg-amber-50 p-6 text-sm text-amber-950"
      data-testid="test-billing"
    >
      <h2 className="font-semibold">{t("panelTitle")}</h2>
      <p className="mt-1">{t("panelIntro")}</p>
      <div className="mt-3 flex flex-wrap gap-2">
        {steps.map(([step, label]) => (
          <form key={step} action={testBillingAction}>
            <input type="hidden" name="artistId" value={artistId} />
            <input type="hidden" name="step" value={step} />
            <SubmitButton variant={step === "cancel" ? "danger" : "secondary"}>{label}</SubmitButton>
          </form>
        ))}
      </div>
    </section>
  );
}
