import type { Metadata } from "next";
import { getTranslations } from "next-intl/server";
import Link from "next/link";
import { notFound } from "next/navigation";
import { db } from "@/db";
import { CURRENCIES } from "@/lib/artists/currencies";
import { requireUser } from "@/lib/auth";
import { listPrograms, programStats, sponsorsOfUser } from "@/lib/sponsors";
import { ProgramForm } from "./program-form";
import { ProgramSummary } from "./program-summary";

export const metadata: Metadata = { robots: { index: false, follow: false } };

/** A sponsor's page: its programs and the two forms to start one. Members only; 404 for anyone else. */
export default async function SponsorPage({ searchParams }: PageProps<"/sponsor">) {
  const user = await requireUser("/sponsor");
  const [t, sponsors, query] = await Promise.all([
    getTranslations("sponsor.page"),
    sponsorsOfUser(db, user.id),
    searchParams,
  ]);
  if (sponsors.length === 0) notFound();
  const chosen =
    typeof query.s === "string" ? sponsors.find((s) => s.id === query.s) : sponsors.length === 1 ? sponsors[0] : null;
  if (typeof query.s === "string" && !chosen) notFound();
  if (!chosen)
    return (
      <div className="mx-auto max-w-3xl space-y-4 px-4 py-10">
        <h1 className="text-2xl font-semibold">{t("titleDefault")}</h1>
        <p>{t("pick")}</p>
        <ul className="space-y-2">
          {sponsors.map((s) => (
            <li key={s.id}>
              <Link href={`/sponsor?s=${s.id}`} className="underline underline-offset-2">
                {s.name}
              </Link>
            </li>
          ))}
        </ul>
      </div>
    );
  const programs = await listPrograms(db, chosen.id);
  const stats = await Promise.all(programs.map((p) => programStats(db, p.id)));
  const form = (kind: "cards" | "match") => ({
    title: t(kind === "cards" ? "newCards" : "newMatch"),
    intro: t(kind === "cards" ? "newCardsIntro" : "newMatchIntro"),
    label: t("label"),
    currency: t("currency"),
    count: t("count"),
    amount: t("amount"),
    pool: t("pool"),
    cap: t("cap"),
    codes: t("codes"),
    rules: t("rules"),
    digitalOnly: t("digitalOnly"),
    countries: t("countries"),
    endsAt: t("endsAt"),
    submit: t(kind === "cards" ? "buyCards" : "fundPool"),
  });
  return (
    <div className="mx-auto max-w-4xl space-y-8 px-4 py-10">
      <div>
        <h1 className="text-2xl font-semibold" data-testid="sponsor-name">
          {t("title", { sponsor: chosen.name })}
        </h1>
        <p className="mt-1 max-w-2xl text-sm text-muted">{t("intro")}</p>
      </div>
      <section className="space-y-3">
        <h2 className="text-lg font-semibold">{t("programs")}</h2>
        {programs.length === 0 ? (
          <p className="text-sm text-muted">{t("noPrograms")}</p>
        ) : (
          programs.map((program, i) => <ProgramSummary key={program.id} program={program} stats={stats[i]} />)
        )}
      </section>
      <div className="grid gap-6 lg:grid-cols-2">
        {(["cards", "match"] as const).map((kind) => (
          <ProgramForm
            key={kind}
            kind={kind}
            sponsorId={chosen.id}
            currencies={CURRENCIES}
            defaultCurrency="EUR"
            labels={form(kind)}
          />
        ))}
      </div>
    </div>
  );
}
