import type { Metadata } from "next";
import { getTranslations } from "next-intl/server";
import { notFound } from "next/navigation";
import { ClientMessages } from "@/components/i18n/client-messages";
import { db } from "@/db";
import { findTarget, REPORT_MESSAGE_MAX } from "@/lib/moderation";
import { reportAction } from "./actions";
import { ReportForm } from "./report-form";

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations("moderation.report");
  return { title: t("title"), robots: { index: false, follow: false } };
}

const param = (value: string | string[] | undefined) => (typeof value === "string" ? value.slice(0, 120) : "");

/**
 * `/report?shop=<slug>[&release=<slug>]`, linked from every shop and release page: no account
 * needed. A suspended shop can still be reported (a fan may have seen it before), so the target is
 * looked up as it is, not as fans see it.
 */
export default async function ReportPage({ searchParams }: PageProps<"/report">) {
  const query = await searchParams;
  const shop = param(query.shop);
  const release = param(query.release);
  const target = shop ? await findTarget(db, shop, release) : null;
  if (!target) notFound();
  const t = await getTranslations("moderation.report");
  const name = target.releaseTitle ? `“${target.releaseTitle}” — ${target.artist.name}` : target.artist.name;
  return (
    <div className="mx-auto max-w-lg px-4 py-12 sm:px-6">
      <h1 className="text-2xl font-semibold tracking-tight">{t("title")}</h1>
      <p className="mt-2 text-sm text-muted">{t("intro", { target: name })}</p>
      <div className="mt-6">
        <ClientMessages namespaces={["moderation.report"]}>
          <ReportForm
            action={reportAction}
            shop={target.artist.slug}
            release={release.toLowerCase()}
            messageMax={REPORT_MESSAGE_MAX}
          />
        </ClientMessages>
      </div>
    </div>
  );
}
