import type { Metadata } from "next";
import { getLocale, getTranslations } from "next-intl/server";
import Link from "next/link";
import { db } from "@/db";
import { localePath } from "@/lib/i18n";
import { pageLocale } from "@/lib/i18n/locale-href";
import { formatMoney } from "@/lib/money";
import { planSettings } from "@/lib/plans";
import { languageAlternates, openGraphLocales, renderLocale } from "@/lib/seo";

export async function generateMetadata(): Promise<Metadata> {
  const [t, locale] = await Promise.all([getTranslations("plans.pricing"), getLocale().then(renderLocale)]);
  return {
    title: t("metaTitle"),
    description: t("metaDescription"),
    alternates: languageAlternates(locale, "/pricing"),
    openGraph: {
      type: "website",
      title: t("title"),
      description: t("metaDescription"),
      url: localePath(locale, "/pricing"),
      siteName: "Merchtable",
      ...openGraphLocales(locale),
    },
  };
}

/** Free and Pro side by side, with the operator's prices and fees (lib/plans' planSettings). */
export default async function PricingPage() {
  const [t, locale, settings] = await Promise.all([getTranslations("plans.pricing"), pageLocale(), planSettings(db)]);
  const money = (amount: number) => formatMoney(amount, settings.currency, locale);
  const percent = new Intl.NumberFormat(locale, { style: "percent", maximumFractionDigits: 2 });
  const fee = (bps: number) => (bps > 0 ? t("feeLine", { rate: percent.format(bps / 10_000) }) : t("feeNone"));
  const plans = [
    {
      id: "free",
      name: t("free"),
      price: t("freePrice", { price: money(0) }),
      items: [t("freeItems.releases"), t("freeItems.selling"), fee(settings.feeBasisPoints.free), t("freeItems.look")],
    },
    {
      id: "pro",
      name: t("pro"),
      price: t("proPrice", { yearly: money(settings.proYearlyAmount), monthly: money(settings.proMonthlyAmount) }),
      items: [t("proItems.releases"), t("proItems.selling"), fee(settings.feeBasisPoints.pro), t("proItems.look")],
    },
  ] as const;
  return (
    <div className="mx-auto max-w-4xl px-4 py-12 sm:px-6 sm:py-16">
      <h1 className="text-3xl font-semibold tracking-tight sm:text-4xl">{t("title")}</h1>
      <p className="mt-3 max-w-2xl text-lg text-muted">{t("intro")}</p>
      <div className="mt-10 grid gap-6 sm:grid-cols-2">
        {plans.map((plan) => (
          <section
            key={plan.id}
            aria-labelledby={`plan-${plan.id}`}
            className={`rounded-lg border bg-white p-6 ${plan.id === "pro" ? "border-ink" : "border-line"}`}
            data-testid={`plan-${plan.id}`}
          >
            <h2 id={`plan-${plan.id}`} className="text-xl font-semibold">
              {plan.name}
            </h2>
            <p className="mt-1 font-medium" data-testid={`plan-${plan.id}-price`}>
              {plan.price}
            </p>
            <ul className="mt-5 space-y-2 text-sm">
              {plan.items.map((item) => (
                <li key={item} className="flex gap-2">
                  <span aria-hidden="true" className="text-emerald-700">
                    ✓
                  </span>
                  <span>{item}</span>
                </li>
              ))}
            </ul>
          </section>
        ))}
      </div>
      <p className="mt-4 text-sm text-muted">{t("paymentNote")}</p>
      <section className="mt-10 border-t border-line pt-8" aria-labelledby="downgrade-title">
        <h2 id="downgrade-title" className="font-semibold">
          {t("downgradeTitle")}
        </h2>
        <p className="mt-2 max-w-2xl text-sm leading-relaxed">{t("downgradeBody")}</p>
      </section>
      <Link
        href="/signup"
        className="mt-10 inline-block rounded-md bg-ink px-5 py-3 font-medium text-white hover:bg-stone-700"
      >
        {t("cta")}
      </Link>
    </div>
  );
}
