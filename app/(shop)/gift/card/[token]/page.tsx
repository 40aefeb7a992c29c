import type { Metadata } from "next";
import { getTranslations } from "next-intl/server";
import { notFound } from "next/navigation";
import { connection } from "next/server";
import { GiftCardStatus } from "@/components/credit/gift-card-status";
import { GiftCardView } from "@/components/credit/gift-card-view";
import { PrintButton } from "@/components/ui/print-button";
import { db } from "@/db";
import { giftCardByPageToken } from "@/lib/credit";

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations("gifts.card");
  return { title: t("metaTitle"), robots: { index: false, follow: false }, referrer: "no-referrer" };
}

/** The buyer's page for one card (the link in the receipt): print it, or read its code again. */
export default async function GiftCardPage({ params }: PageProps<"/gift/card/[token]">) {
  await connection();
  const page = await giftCardByPageToken(db, (await params).token);
  if (!page) notFound();
  const t = await getTranslations("gifts.card");
  return (
    <div className="mx-auto max-w-xl space-y-6 px-4 py-10 sm:py-14" data-testid="gift-card-page">
      <GiftCardView card={page.card} band={page.band} code={page.code} redeemUrl={page.redeemUrl} />
      <GiftCardStatus card={page.card} />
      <div className="print:hidden">
        <PrintButton label={t("print")} />
      </div>
    </div>
  );
}
