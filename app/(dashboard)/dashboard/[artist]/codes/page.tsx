import { getLocale, getTranslations } from "next-intl/server";
import Link from "next/link";
import { pageTitle } from "@/app/(dashboard)/dashboard/[artist]/page-title";
import { NewBatchForm } from "@/components/dashboard/codes/new-batch-form";
import { ListTable } from "@/components/ui/list-table";
import { Notice } from "@/components/ui/notice";
import { db } from "@/db";
import { requireArtistMember } from "@/lib/artists/guard";
import { listReleasesForArtist } from "@/lib/catalog/releases";
import { listCodeBatches } from "@/lib/codes";
import { createBatchAction } from "./actions";

export async function generateMetadata() {
  return pageTitle("codes");
}

export default async function CodesPage({ params, searchParams }: PageProps<"/dashboard/[artist]/codes">) {
  const { artist } = await requireArtistMember({ slug: (await params).artist });
  // Set by the delete action's redirect: how many unused codes the withdrawn batch took with it.
  const deleted = Number((await searchParams).deleted);
  const [t, tn, locale, batches, releases] = await Promise.all([
    getTranslations("codes"),
    getTranslations("codes.new"),
    getLocale(),
    listCodeBatches(db, artist.id),
    listReleasesForArtist(db, artist.id),
  ]);
  const date = new Intl.DateTimeFormat(locale, { dateStyle: "medium" });
  const number = new Intl.NumberFormat(locale);
  const base = `/dashboard/${artist.slug}/codes`;
  return (
    <div className="space-y-8">
      <div>
        <h1 className="text-2xl font-semibold tracking-tight">{t("title")}</h1>
        <p className="mt-1 text-sm text-muted">{t("intro")}</p>
      </div>
      {Number.isInteger(deleted) && deleted >= 0 && (
        <Notice tone="success">{t("list.deleted", { unused: deleted })}</Notice>
      )}
      <section className="rounded-lg border border-line bg-white p-5">
        <h2 className="mb-4 font-semibold">{tn("title")}</h2>
        {releases.length ? (
          <NewBatchForm
            action={createBatchAction}
            artistId={artist.id}
            releases={releases.map((r) => ({ id: r.id, title: r.title }))}
          />
        ) : (
          <p className="text-sm text-muted">{tn("noReleases")}</p>
        )}
      </section>
      <ListTable
        testId="batch-list"
        empty={batches.length === 0 ? t("list.empty") : null}
        head={
          <>
            <th className="px-4 py-2 font-medium">{t("list.date")}</th>
            <th className="px-4 py-2 font-medium">{t("list.release")}</th>
            <th className="px-4 py-2 font-medium">{t("list.label")}</th>
            <th className="px-4 py-2 text-right font-medium">{t("list.codes")}</th>
            <th className="px-4 py-2 text-right font-medium">{t("list.redeemed")}</th>
            <th className="px-4 py-2" />
          </>
        }
      >
        {batches.map((batch) => (
          <tr key={batch.id} data-testid="batch-row">
            <td className="whitespace-nowrap px-4 py-3">{date.format(batch.createdAt)}</td>
            <td className="px-4 py-3 font-medium">{batch.releaseTitle}</td>
            <td className="px-4 py-3 text-muted">{batch.label}</td>
            <td className="px-4 py-3 text-right tabular-nums">{number.format(batch.count)}</td>
            <td className="px-4 py-3 text-right tabular-nums" data-testid="batch-redeemed">
              {number.format(batch.redeemed)}
            </td>
            <td className="space-x-3 whitespace-nowrap px-4 py-3 text-right">
              <a href={`${base}/${batch.id}/csv`} className="underline underline-offset-2">
                {t("list.csv")}
              </a>
              <a href={`${base}/${batch.id}/print`} className="underline underline-offset-2" data-testid="batch-print">
                {t("list.print")}
              </a>
              <Link href={`${base}/${batch.id}`} className="underline underline-offset-2" data-testid="batch-manage">
                {t("list.manage")}
              </Link>
            </td>
          </tr>
        ))}
      </ListTable>
    </div>
  );
}
