import type { Metadata } from "next";
import { getLocale, getTranslations } from "next-intl/server";
import Link from "next/link";
import { localePath } from "@/lib/i18n";
import { localeHref } from "@/lib/i18n/locale-href";
import { languageAlternates, openGraphLocales, renderLocale, SITE_SHARE_IMAGE } from "@/lib/seo";

export async function generateMetadata(): Promise<Metadata> {
  const [t, locale] = await Promise.all([getTranslations("meta"), getLocale().then(renderLocale)]);
  const image = { ...SITE_SHARE_IMAGE, type: "image/jpeg", alt: t("title") };
  return {
    alternates: languageAlternates(locale, "/"),
    openGraph: {
      type: "website",
      title: t("title"),
      description: t("description"),
      url: localePath(locale, "/"),
      siteName: "Merchtable",
      ...openGraphLocales(locale),
      images: [image],
    },
    twitter: { card: "summary_large_image", title: t("title"), description: t("description"), images: [image] },
  };
}

export default async function HomePage() {
  const [t, demoHref] = await Promise.all([getTranslations("home"), localeHref("/demo-band")]);
  const features = ["stream", "sell", "embed"] as const;
  return (
    <div className="mx-auto max-w-6xl px-4 sm:px-6">
      <section className="py-16 sm:py-24">
        <h1 className="max-w-3xl text-4xl font-semibold tracking-tight sm:text-5xl">{t("title")}</h1>
        <p className="mt-6 max-w-2xl text-lg text-muted">{t("subtitle")}</p>
        <div className="mt-8 flex flex-wrap gap-3">
          <Link href="/signup" className="rounded-md bg-ink px-5 py-3 font-medium text-white hover:bg-stone-700">
            {t("cta")}
          </Link>
          <Link
            href={demoHref}
            className="rounded-md border border-stone-300 bg-white px-5 py-3 font-medium hover:bg-stone-50"
          >
            {t("demo")}
          </Link>
        </div>
      </section>
      <section className="grid gap-6 border-t border-line py-12 sm:grid-cols-3">
        {features.map((f) => (
          <div key={f}>
            <h2 className="font-semibold">{t(`features.${f}Title`)}</h2>
            <p className="mt-2 text-sm text-muted">{t(`features.${f}Body`)}</p>
          </div>
        ))}
      </section>
    </div>
  );
}
