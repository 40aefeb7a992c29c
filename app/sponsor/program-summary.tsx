import { getLocale, getTranslations } from "next-intl/server";
import Link from "next/link";
import type { SponsorProgram } from "@/db/schema";
import { countryName } from "@/lib/countries";
import { formatMoney } from "@/lib/money";
import type { ProgramStats } from "@/lib/sponsors";

/** A program as its sponsor sees it: what it is, its rules, and counts and sums of its use. */
export async function ProgramSummary({ program, stats }: { program: SponsorProgram; stats: ProgramStats }) {
  const [t, locale] = await Promise.all([getTranslations("sponsor.program"), getLocale()]);
  const money = (amount: number) => formatMoney(amount, program.currency, locale);
  const title =
    program.kind === "cards"
      ? t("cards", { count: program.cardCount ?? 0, amount: money(program.cardAmount ?? 0) })
      : t("match", { pool: money(program.poolAmount ?? 0), cap: money(program.perFanCap ?? 0) });
  const rules = [
    program.rules.digitalOnly ? t("digitalOnly") : null,
    program.rules.countries?.length
      ? t("countries", { countries: program.rules.countries.map((c) => countryName(c, locale)).join(", ") })
      : null,
    program.endsAt ? t("endsAt", { date: program.endsAt.toLocaleDateString(locale) }) : t("noEnd"),
  ].filter(Boolean);
  const figures: [string, string][] =
    program.kind === "cards"
      ? [
          [t("cardsIssued"), String(stats.cardsIssued)],
          [t("cardsRedeemed"), String(stats.cardsRedeemed)],
          [t("spent"), money(stats.spent)],
          [t("unspent"), money(stats.unspent)],
          [t("expired"), money(stats.expired)],
        ]
      : [
          [t("fansEnrolled"), String(stats.fansEnrolled)],
          [t("matched"), money(stats.matched)],
          [t("spent"), money(stats.spent)],
          [t("poolLeft"), money(stats.poolLeft)],
          [t("expired"), money(stats.expired)],
        ];
  const paid = program.status === "active" || program.status === "ended";
  const status = ["pending", "active", "ended", "canceled"].includes(program.status) ? program.status : "pending";
  return (
    <div className="space-y-3 rounded-lg border border-line bg-white p-5" data-testid="program">
      <div className="flex flex-wrap items-baseline justify-between gap-2">
        <div>
          {program.label && <p className="text-sm text-muted">{program.label}</p>}
          <p className="font-semibold">{title}</p>
        </div>
        <span className="rounded-full bg-stone-100 px-2 py-0.5 text-xs" data-testid="program-status">
          {t(`status.${status as "pending"}`)}
        </span>
      </div>
      <p className="text-sm text-muted">{rules.join(" · ")}</p>
      {paid && (
        <dl className="grid grid-cols-2 gap-3 sm:grid-cols-5" data-testid="program-stats">
          {figures.map(([label, value]) => (
            <div key={label}>
              <dt className="text-xs text-muted">{label}</dt>
              <dd className="font-medium tabular-nums">{value}</dd>
            </div>
          ))}
        </dl>
      )}
      <div className="flex flex-wrap gap-4 text-sm">
        <Link href={`/sponsor/programs/${program.id}`} className="underline underline-offset-2">
          {t("open")}
        </Link>
        {paid && (
          <>
            <Link
              href={`/sponsor/programs/${program.id}/print`}
              className="underline underline-offset-2"
              data-testid="program-print"
            >
              {t("print")}
            </Link>
            <a
              href={`/sponsor/programs/${program.id}/csv`}
              className="underline underline-offset-2"
              data-testid="program-csv"
            >
              {t("csv")}
            </a>
          </>
        )}
      </div>
    </div>
  );
}
