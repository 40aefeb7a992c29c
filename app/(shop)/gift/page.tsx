import type { Metadata } from "next";
import { getTranslations } from "next-intl/server";
import { connection } from "next/server";
import { GiftPurchase } from "@/components/credit/gift-purchase";

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations("gifts.buy");
  return { title: t("metaTitle") };
}

/** A gift card spendable at any band on the platform. */
export default async function GiftPage() {
  await connection();
  const t = await getTranslations("gifts.buy");
  return (
    <div className="mx-auto max-w-xl px-4 py-10 sm:py-14" data-testid="gift-page">
      <h1 className="text-3xl font-semibold tracking-tight">{t("title")}</h1>
      <p className="mt-2 text-muted">{t("intro")}</p>
      <div className="mt-8 rounded-lg border border-line bg-surface p-6 shadow-xs">
        <GiftPurchase artist={null} defaultCurrency="EUR" />
      </div>
    </div>
  );
}
