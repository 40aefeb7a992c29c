import type { Metadata } from "next";
import { getLocale, getTranslations } from "next-intl/server";
import Link from "next/link";
import { notFound } from "next/navigation";
import { connection } from "next/server";
import { GiftCardStatus } from "@/components/credit/gift-card-status";
import { GiftCardView } from "@/components/credit/gift-card-view";
import { Notice } from "@/components/ui/notice";
import { PrintButton } from "@/components/ui/print-button";
import { db } from "@/db";
import { creditPurchaseBySession, purchaseCards } from "@/lib/credit";
import { formatMoney } from "@/lib/money";

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations("gifts.success");
  return { title: t("metaTitle"), robots: { index: false, follow: false }, referrer: "no-referrer" };
}

/**
 * After paying for credit: the card(s) to print, or the top-up, once the payment is confirmed.
 * The purchase id and its payment session together are the key (as for an order's thank-you).
 * It only reads: while the payment is being confirmed it sends the buyer back through /gift/return.
 */
export default async function GiftThanksPage({ searchParams }: PageProps<"/gift/thanks">) {
  await connection();
  const query = await searchParams;
  const purchaseId = typeof query.purchase === "string" ? query.purchase : "";
  const session = typeof query.session === "string" ? query.session : "";
  const found = await creditPurchaseBySession(db, session, purchaseId);
  if (!found) notFound();
  const { purchase, band } = found;
  const [t, tc, locale] = await Promise.all([
    getTranslations("gifts.success"),
    getTranslations("gifts.card"),
    getLocale(),
  ]);
  const again = band ? `/${band.slug}/gift-card` : purchase.kind === "top_up" ? "/library" : "/gift";
  if (purchase.status === "canceled" || query.failed === "1") {
    return (
      <Shell title={t("title")}>
        <Notice tone="error">{t("failed")}</Notice>
        <Link href={again} className="inline-block rounded-md bg-ink px-4 py-2 text-sm font-medium text-white">
          {t("tryAgain")}
        </Link>
      </Shell>
    );
  }
  if (purchase.status === "pending") {
    const back = `/gift/return?purchase=${purchase.id}&session=${encodeURIComponent(session)}`;
    return (
      <Shell title={t("title")}>
        <meta httpEquiv="refresh" content={`3;url=${back}`} />
        <Notice>{t("waiting")}</Notice>
      </Shell>
    );
  }
  if (purchase.kind !== "gift_card") {
    return (
      <Shell title={t("title")}>
        <Notice tone="success">
          {t("topUp", { amount: formatMoney(purchase.total, purchase.currency, locale), email: purchase.email ?? "" })}
        </Notice>
        <Link href="/library" className="inline-block rounded-md bg-ink px-4 py-2 text-sm font-medium text-white">
          {t("toLibrary")}
        </Link>
      </Shell>
    );
  }
  const cards = await purchaseCards(db, purchase.id);
  return (
    <Shell title={t("title")}>
      <p className="text-muted print:hidden">{t("paid", { email: purchase.email ?? "" })}</p>
      {cards.map(({ card, code, redeemUrl }) => (
        <div key={card.id} className="space-y-3">
          <GiftCardView card={card} band={band} code={code} redeemUrl={redeemUrl} />
          <GiftCardStatus card={card} />
        </div>
      ))}
      <div className="print:hidden">
        <PrintButton label={tc("print")} />
      </div>
    </Shell>
  );
}

function Shell({ title, children }: { title: string; children: React.ReactNode }) {
  return (
    <div className="mx-auto max-w-xl space-y-6 px-4 py-10 sm:py-14" data-testid="gift-thanks">
      <h1 className="text-3xl font-semibold tracking-tight print:hidden">{title}</h1>
      {children}
    </div>
  );
}
