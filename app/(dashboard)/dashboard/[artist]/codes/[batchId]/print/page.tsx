import { getTranslations } from "next-intl/server";
import Link from "next/link";
import { notFound } from "next/navigation";
import QRCode from "qrcode";
import { thingTitle } from "@/app/(dashboard)/dashboard/[artist]/page-title";
import { CodeCard } from "@/components/dashboard/codes/code-card";
import { PER_SHEET, CODE_SHEET_CSS as printCss, SHEETS_PER_PAGE } from "@/components/print/code-sheet-css";
import { PrintButton } from "@/components/ui/print-button";
import { db } from "@/db";
import { requireArtistMember } from "@/lib/artists/guard";
import { formatCode, getCodeBatch, listBatchCodes, redeemUrl } from "@/lib/codes";
import { env } from "@/lib/env";

export async function generateMetadata({ params }: PageProps<"/dashboard/[artist]/codes/[batchId]/print">) {
  const { artist, batchId } = await params;
  return thingTitle(artist, "batch", batchId, "printCodes");
}

export default async function PrintCodesPage({
  params,
  searchParams,
}: PageProps<"/dashboard/[artist]/codes/[batchId]/print">) {
  const { artist: slug, batchId } = await params;
  const { artist } = await requireArtistMember({ slug });
  const batch = await getCodeBatch(db, artist.id, batchId);
  if (!batch) notFound();
  const t = await getTranslations("codes.sheet");
  const pages = Math.max(1, Math.ceil(batch.count / (PER_SHEET * SHEETS_PER_PAGE)));
  const requested = Number((await searchParams).page ?? 1);
  const page = Number.isInteger(requested) && requested >= 1 && requested <= pages ? requested : 1;
  const codes = await listBatchCodes(db, batch.id, {
    offset: (page - 1) * PER_SHEET * SHEETS_PER_PAGE,
    limit: PER_SHEET * SHEETS_PER_PAGE,
  });
  const app = env().APP_URL;
  const shortUrl = `${new URL(`/${artist.slug}/redeem`, app).host}/${artist.slug}/redeem`;
  const cards = await Promise.all(
    codes.map(async ({ code }) => {
      const url = redeemUrl(app, artist.slug, code);
      return {
        code: formatCode(code),
        url,
        qrSvg: await QRCode.toString(url, { type: "svg", margin: 0, errorCorrectionLevel: "M" }),
      };
    }),
  );
  const sheets = Array.from({ length: Math.ceil(cards.length / PER_SHEET) }, (_, i) =>
    cards.slice(i * PER_SHEET, (i + 1) * PER_SHEET),
  );
  const labels = { card: t("card", { release: batch.releaseTitle }), enter: t("enter") };
  const here = `/dashboard/${artist.slug}/codes/${batch.id}/print`;
  return (
    <div className="space-y-6">
      <style>{printCss}</style>
      <div className="flex flex-wrap items-center justify-between gap-3">
        <div>
          <h1 className="text-2xl font-semibold tracking-tight">{t("title", { release: batch.releaseTitle })}</h1>
          <p className="mt-1 text-sm text-muted">{t("hint", { page, pages })}</p>
        </div>
        <div className="flex items-center gap-3 text-sm">
          <Link href={`/dashboard/${artist.slug}/codes`} className="underline underline-offset-2">
            {t("back")}
          </Link>
          {page > 1 && <Link href={`${here}?page=${page - 1}`}>← {t("previous")}</Link>}
          {page < pages && <Link href={`${here}?page=${page + 1}`}>{t("next")} →</Link>}
          <PrintButton label={t("print")} />
        </div>
      </div>
      <div className="overflow-x-auto">
        <div id="code-sheets" data-testid="code-sheets">
          {sheets.map((sheet, i) => (
            <section key={i} className="code-sheet shadow-sm ring-1 ring-stone-200">
              {sheet.map((card) => (
                <CodeCard
                  key={card.code}
                  band={artist.name}
                  release={batch.releaseTitle}
                  code={card.code}
                  url={card.url}
                  shortUrl={shortUrl}
                  qrSvg={card.qrSvg}
                  labels={{ ...labels, qr: t("qr", { url: card.url }) }}
                />
              ))}
            </section>
          ))}
        </div>
      </div>
    </div>
  );
}
