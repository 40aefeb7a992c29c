import { getTranslations } from "next-intl/server";
import type { PlanInvoice, PlanSubscription } from "@/db/schema";
import { formatMoney } from "@/lib/money";

const date = (value: Date, locale: string) =>
  new Intl.DateTimeFormat(locale, { dateStyle: "long", timeZone: "UTC" }).format(value);

/** "Active, renews on …", "Payment failed: Pro until …", "Cancels on …", "Canceled on …". */
export async function SubscriptionStatus({
  subscription: s,
  locale,
}: {
  subscription: PlanSubscription;
  locale: string;
}) {
  const t = await getTranslations("billing.statuses");
  if (s.status === "canceled") return <>{t("canceled", { date: date(s.canceledAt ?? s.updatedAt, locale) })}</>;
  if (s.status === "past_due" && s.graceEndsAt) return <>{t("pastDue", { date: date(s.graceEndsAt, locale) })}</>;
  if (!s.currentPeriodEnd) return <>{t("activeNoDate")}</>;
  const end = date(s.currentPeriodEnd, locale);
  return <>{s.cancelAtPeriodEnd ? t("cancels", { date: end }) : t("active", { date: end })}</>;
}

export async function InvoiceTable({ invoices, locale }: { invoices: PlanInvoice[]; locale: string }) {
  const t = await getTranslations("billing");
  if (invoices.length === 0) return <p className="text-sm text-muted">{t("noInvoices")}</p>;
  return (
    <table className="w-full text-sm" data-testid="plan-invoices">
      <thead className="text-left text-muted">
        <tr>
          <th className="py-2 pr-4 font-medium">{t("invoiceDate")}</th>
          <th className="py-2 pr-4 font-medium">{t("invoicePeriod")}</th>
          <th className="py-2 pr-4 font-medium">{t("invoiceStatus")}</th>
          <th className="py-2 text-right font-medium">{t("invoiceAmount")}</th>
        </tr>
      </thead>
      <tbody className="divide-y divide-line border-y border-line">
        {invoices.map((invoice) => (
          <tr key={invoice.id}>
            <td className="py-2 pr-4">{date(invoice.paidAt ?? invoice.createdAt, locale)}</td>
            <td className="py-2 pr-4">{invoice.periodEnd ? date(invoice.periodEnd, locale) : "—"}</td>
            <td className={`py-2 pr-4 ${invoice.status === "failed" ? "text-red-700" : ""}`}>
              {t(`invoiceStatuses.${invoice.status}`)}
            </td>
            <td className="py-2 text-right tabular-nums">{formatMoney(invoice.amount, invoice.currency, locale)}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
