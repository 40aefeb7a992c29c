import type { Metadata } from "next";
import { getLocale, getTranslations } from "next-intl/server";
import Link from "next/link";
import { notFound } from "next/navigation";
import QRCode from "qrcode";
import { PER_SHEET, CODE_SHEET_CSS as printCss, SHEETS_PER_PAGE } from "@/components/print/code-sheet-css";
import { PrintButton } from "@/components/ui/print-button";
import { db } from "@/db";
import { requireUser } from "@/lib/auth";
import { countryName } from "@/lib/countries";
import { formatGiftCode, redeemCreditUrl } from "@/lib/credit";
import { env } from "@/lib/env";
import { formatMoney } from "@/lib/money";
import { programSheet } from "@/lib/sponsors";
import { SponsorCard } from "./sponsor-card";

export const metadata: Metadata = { robots: { index: false, follow: false } };

export default async function ProgramPrintPage({ params, searchParams }: PageProps<"/sponsor/programs/[id]/print">) {
  const { id } = await params;
  const user = await requireUser(`/sponsor/programs/${id}/print`);
  const sheet = await programSheet(db, user.id, id);
  if (!sheet) notFound();
  const [t, tp, locale] = await Promise.all([
    getTranslations("sponsor.sheet"),
    getTranslations("sponsor.program"),
    getLocale(),
  ]);
  const { program } = sheet;
  const money = (amount: number) => formatMoney(amount, program.currency, locale);
  const pages = Math.max(1, Math.ceil(sheet.codes.length / (PER_SHEET * SHEETS_PER_PAGE)));
  const requested = Number((await searchParams).page ?? 1);
  const page = Number.isInteger(requested) && requested >= 1 && requested <= pages ? requested : 1;
  const codes = sheet.codes.slice((page - 1) * PER_SHEET * SHEETS_PER_PAGE, page * PER_SHEET * SHEETS_PER_PAGE);
  const headline =
    program.kind === "cards"
      ? t("card", { amount: money(program.cardAmount ?? 0) })
      : t("eligibility", { sponsor: sheet.sponsorName, cap: money(program.perFanCap ?? 0) });
  const rules = [
    program.rules.digitalOnly ? tp("digitalOnly") : null,
    program.rules.countries?.length
      ? tp("countries", { countries: program.rules.countries.map((c) => countryName(c, locale)).join(", ") })
      : null,
    program.endsAt ? t("expires", { date: program.endsAt.toLocaleDateString(locale) }) : null,
  ]
    .filter(Boolean)
    .join(" · ");
  const shortUrl = `${new URL(env().APP_URL).host}/gift/redeem`;
  const cards = await Promise.all(
    codes.map(async (code) => {
      const url = redeemCreditUrl(code);
      return {
        code: formatGiftCode(code),
        url,
        qrSvg: await QRCode.toString(url, { type: "svg", margin: 0, errorCorrectionLevel: "M" }),
      };
    }),
  );
  const sheets = Array.from({ length: Math.ceil(cards.length / PER_SHEET) }, (_, i) =>
    cards.slice(i * PER_SHEET, (i + 1) * PER_SHEET),
  );
  const label = program.label || sheet.sponsorName;
  const here = `/sponsor/programs/${program.id}/print`;
  return (
    <div className="mx-auto max-w-5xl space-y-6 px-4 py-8">
      <style>{printCss}</style>
      <div className="flex flex-wrap items-center justify-between gap-3">
        <div>
          <h1 className="text-2xl font-semibold tracking-tight">
            {program.kind === "cards" ? t("titleCards", { label }) : t("titleCodes", { label })}
          </h1>
          <p className="mt-1 text-sm text-muted">{t("hint")}</p>
        </div>
        <div className="flex items-center gap-3 text-sm">
          <Link href={`/sponsor/programs/${program.id}`} className="underline underline-offset-2">
            {t("back")}
          </Link>
          {page > 1 && <Link href={`${here}?page=${page - 1}`}>←</Link>}
          {page < pages && <Link href={`${here}?page=${page + 1}`}>→</Link>}
          <PrintButton label={t("print")} />
        </div>
      </div>
      <div className="overflow-x-auto">
        <div id="code-sheets" data-testid="code-sheets">
          {sheets.map((cardsOfSheet, i) => (
            <section key={i} className="code-sheet shadow-sm ring-1 ring-stone-200">
              {cardsOfSheet.map((card) => (
                <SponsorCard
                  key={card.code}
                  sponsor={sheet.sponsorName}
                  headline={headline}
                  rules={rules}
                  code={card.code}
                  url={card.url}
                  shortUrl={shortUrl}
                  qrSvg={card.qrSvg}
                  labels={{ enter: t("enter"), qr: t("qr", { url: card.url }) }}
                />
              ))}
            </section>
          ))}
        </div>
      </div>
    </div>
  );
}
