import { getLocale, getTranslations } from "next-intl/server";
import { TestDeclineForm } from "@/components/cart/test-decline-form";
import { SubmitButton } from "@/components/ui/submit-button";
import type { CreditPurchase } from "@/db/schema";
import { formatMoney } from "@/lib/money";
import { declineCreditTestAction, payCreditTestAction } from "./credit-actions";

/** The test payment page for a gift card or a top-up: the platform sells the credit, not a band. */
export async function CreditTestPayment({
  purchase,
  band,
}: {
  purchase: CreditPurchase;
  band: { name: string } | null;
}) {
  const [t, tg, locale] = await Promise.all([getTranslations("checkout"), getTranslations("gifts"), getLocale()]);
  const amount = formatMoney(purchase.total, purchase.currency, locale);
  const line =
    purchase.kind === "top_up"
      ? tg("test.topUp", { amount })
      : purchase.kind === "gift_card"
        ? tg("test.giftCard", {
            value: band ? tg("scope.band", { amount, band: band.name }) : tg("scope.platform", { amount }),
          })
        : amount;
  const closed = purchase.status !== "pending" || purchase.expiresAt < new Date();
  return (
    <div className="mx-auto max-w-xl px-4 py-8 sm:py-12" data-testid="test-payment-page">
      <div
        role="note"
        className="rounded-lg border-2 border-dashed border-amber-400 bg-amber-50 px-4 py-3 text-sm font-medium text-amber-950"
        data-testid="test-banner"
      >
        {t("testBanner")}
      </div>
      <h1 className="mt-6 text-2xl font-semibold tracking-tight">{t("testTitle")}</h1>
      <p className="mt-1 text-muted">{tg("test.intro")}</p>
      <table className="mt-6 w-full text-sm" data-testid="test-order-lines">
        <tbody className="divide-y divide-line border-y border-line">
          <tr>
            <td className="py-2 pr-4">{line}</td>
            <td className="py-2 text-right tabular-nums">{amount}</td>
          </tr>
        </tbody>
      </table>
      {closed ? (
        <p role="alert" className="mt-6 text-sm font-medium text-red-700">
          {t("expired")}
        </p>
      ) : (
        <div className="mt-6 space-y-3">
          <form action={payCreditTestAction}>
            <input type="hidden" name="session" value={purchase.providerSessionId!} />
            <SubmitButton className="w-full">{t("pay", { total: amount })}</SubmitButton>
          </form>
          <TestDeclineForm
            action={declineCreditTestAction}
            session={purchase.providerSessionId!}
            label={t("decline")}
          />
        </div>
      )}
    </div>
  );
}
