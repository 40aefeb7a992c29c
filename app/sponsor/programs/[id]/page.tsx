import type { Metadata } from "next";
import { getTranslations } from "next-intl/server";
import Link from "next/link";
import { notFound } from "next/navigation";
import { ProgramSummary } from "@/app/sponsor/program-summary";
import { Notice } from "@/components/ui/notice";
import { db } from "@/db";
import { requireUser } from "@/lib/auth";
import { programForMember, programStats } from "@/lib/sponsors";

export const metadata: Metadata = { robots: { index: false, follow: false } };

export default async function ProgramPage({ params, searchParams }: PageProps<"/sponsor/programs/[id]">) {
  const { id } = await params;
  const user = await requireUser(`/sponsor/programs/${id}`);
  const found = await programForMember(db, user.id, id);
  if (!found) notFound();
  const [t, stats, query] = await Promise.all([getTranslations("sponsor.page"), programStats(db, id), searchParams]);
  const { program, sponsor } = found;
  return (
    <div className="mx-auto max-w-4xl space-y-6 px-4 py-10">
      <Link href={`/sponsor?s=${sponsor.id}`} className="text-sm underline underline-offset-2">
        ← {t("back")}
      </Link>
      <h1 className="text-2xl font-semibold">{sponsor.name}</h1>
      {query.paid &&
        (program.status === "pending" ? <Notice>{t("waiting")}</Notice> : <Notice tone="success">{t("paid")}</Notice>)}
      <ProgramSummary program={program} stats={stats} />
    </div>
  );
}
