import { getLocale, getTranslations } from "next-intl/server";
import Link from "next/link";
import { notFound } from "next/navigation";
import { deleteBatchAction, renameBatchAction } from "@/app/(dashboard)/dashboard/[artist]/codes/actions";
import { thingTitle } from "@/app/(dashboard)/dashboard/[artist]/page-title";
import { ConfirmDialog } from "@/components/dashboard/releases/confirm-dialog";
import { db } from "@/db";
import { requireArtistMember } from "@/lib/artists/guard";
import { countBatchCodes, getCodeBatch, MAX_LABEL } from "@/lib/codes";
import { RenameBatchForm } from "./rename-form";

export async function generateMetadata({ params }: PageProps<"/dashboard/[artist]/codes/[batchId]">) {
  const { artist, batchId } = await params;
  return thingTitle(artist, "batch", batchId, "batch");
}

/** One batch: rename it, or withdraw it after being told what that does to its codes. */
export default async function CodeBatchPage({ params }: PageProps<"/dashboard/[artist]/codes/[batchId]">) {
  const { artist: slug, batchId } = await params;
  const { artist } = await requireArtistMember({ slug });
  const batch = await getCodeBatch(db, artist.id, batchId);
  if (!batch) notFound();
  const [t, locale, counts] = await Promise.all([
    getTranslations("codes.batch"),
    getLocale(),
    countBatchCodes(db, batch.id),
  ]);
  const date = new Intl.DateTimeFormat(locale, { dateStyle: "medium" });
  const base = `/dashboard/${artist.slug}/codes`;
  return (
    <div className="space-y-8">
      <div>
        <Link href={base} className="text-sm underline underline-offset-2">
          {t("back")}
        </Link>
        <h1 className="mt-2 text-2xl font-semibold tracking-tight">{t("title", { release: batch.releaseTitle })}</h1>
        <p className="mt-1 text-sm text-muted" data-testid="batch-summary">
          {t("summary", { date: date.format(batch.createdAt), unused: counts.unused, redeemed: counts.redeemed })}
        </p>
      </div>
      <section className="rounded-lg border border-line bg-white p-5">
        <RenameBatchForm
          action={renameBatchAction}
          artistId={artist.id}
          batchId={batch.id}
          label={batch.label}
          maxLength={MAX_LABEL}
        />
      </section>
      <section className="flex flex-wrap items-center justify-between gap-3 rounded-lg border border-red-100 bg-white p-5">
        <p className="text-sm text-muted">{t("deleteHint")}</p>
        <ConfirmDialog
          trigger={t("delete")}
          message={t("deleteConfirm", { unused: counts.unused, redeemed: counts.redeemed })}
          confirmLabel={t("confirmDelete")}
          cancelLabel={t("cancel")}
          action={deleteBatchAction}
          fields={{ artistId: artist.id, batchId: batch.id }}
        />
      </section>
    </div>
  );
}
