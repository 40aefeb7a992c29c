import type { Metadata } from "next";
import { getTranslations } from "next-intl/server";
import Link from "next/link";
import { localeHref } from "@/lib/i18n/locale-href";

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations("moderation.report.thanks");
  return { title: t("title"), robots: { index: false, follow: false } };
}

const SLUG = /^[a-z0-9-]{1,80}$/;

export default async function ReportThanksPage({ searchParams }: PageProps<"/report/thanks">) {
  const shop = (await searchParams).shop;
  const t = await getTranslations("moderation.report.thanks");
  const back = typeof shop === "string" && SLUG.test(shop) ? await localeHref(`/${shop}`) : await localeHref("/");
  return (
    <div className="mx-auto max-w-lg px-4 py-16 text-center sm:px-6" data-testid="report-thanks">
      <h1 className="text-2xl font-semibold tracking-tight">{t("title")}</h1>
      <p className="mt-3 text-muted">{t("body")}</p>
      <Link href={back} className="mt-8 inline-block text-sm underline underline-offset-2 hover:text-ink">
        {t("back")}
      </Link>
    </div>
  );
}
