import { getLocale, getTranslations } from "next-intl/server";
import { TestPayForm } from "@/components/cart/test-pay-form";
import type { CreditPurchase } from "@/db/schema";
import { formatMoney } from "@/lib/money";
import { declineCreditTestAction, payCreditTestAction } from "./credit-actions";

/** The test payment page for a purchase of credit (no band: the platform collects it). */
export async function CreditTestPayment({ purchase }: { purchase: CreditPurchase }) {
  const [t, locale] = await Promise.all([getTranslations("checkout"), getLocale()]);
  const money = (amount: number) => formatMoney(amount, purchase.currency, locale);
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
      <table className="mt-6 w-full text-sm" data-testid="test-order-lines">
        <tbody className="divide-y divide-line border-y border-line">
          <tr>
            <td className="py-2 pr-4">
              {purchase.quantity} × {money(purchase.unitAmount)}
            </td>
            <td className="py-2 text-right tabular-nums">{money(purchase.total)}</td>
          </tr>
        </tbody>
      </table>
      {closed ? (
        <p role="alert" className="mt-6 text-sm font-medium text-red-700">
          {t("expired")}
        </p>
      ) : (
        <div className="mt-6 space-y-3">
          <TestPayForm
            action={payCreditTestAction}
            session={purchase.providerSessionId!}
            payLabel={t("pay", { total: money(purchase.total) })}
            address={null}
          />
          <form action={declineCreditTestAction}>
            <input type="hidden" name="session" value={purchase.providerSessionId!} />
            <button
              type="submit"
              className="w-full rounded-md border border-stone-300 bg-white px-4 py-2 text-sm font-medium hover:bg-stone-50"
              data-testid="test-decline"
            >
              {t("decline")}
            </button>
          </form>
        </div>
      )}
    </div>
  );
}
