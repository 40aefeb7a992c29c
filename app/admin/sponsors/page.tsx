import type { Metadata } from "next";
import { getTranslations } from "next-intl/server";
import { control } from "@/components/ui/field";
import { SubmitButton } from "@/components/ui/submit-button";
import { db } from "@/db";
import { requireOperator } from "@/lib/auth/operator-guard";
import { listSponsorMembers, listSponsors } from "@/lib/sponsors";
import { addSponsorMemberAction, createSponsorAction } from "./actions";
import { SponsorFlash } from "./flash";

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations("sponsor.nav"))("sponsors") };
}

export default async function SponsorsPage({ searchParams }: PageProps<"/admin/sponsors">) {
  await requireOperator();
  const [t, sponsors, query] = await Promise.all([getTranslations("sponsor.admin"), listSponsors(db), searchParams]);
  const members = await Promise.all(sponsors.map((s) => listSponsorMembers(db, s.id)));
  return (
    <div className="space-y-6">
      <div>
        <h1 className="text-2xl font-semibold">{t("title")}</h1>
        <p className="mt-1 max-w-2xl text-sm text-muted">{t("intro")}</p>
      </div>
      <SponsorFlash done={query.done} error={query.error} />
      <form action={createSponsorAction} className="flex flex-wrap items-end gap-3" data-testid="sponsor-create">
        <h2 className="w-full text-sm font-semibold">{t("create")}</h2>
        <label className="grid gap-1 text-sm">
          {t("name")}
          <input name="name" required maxLength={200} className={control} />
        </label>
        <label className="grid gap-1 text-sm">
          {t("contactEmail")}
          <input name="contactEmail" type="email" required className={control} />
        </label>
        <SubmitButton>{t("submit")}</SubmitButton>
      </form>
      {sponsors.length === 0 ? (
        <p className="text-sm text-muted">{t("empty")}</p>
      ) : (
        <ul className="divide-y divide-line rounded-lg border border-line bg-white">
          {sponsors.map((sponsor, i) => (
            <li key={sponsor.id} className="space-y-3 p-4" data-testid="sponsor-row">
              <div className="flex flex-wrap items-baseline justify-between gap-2">
                <p className="font-medium">{sponsor.name}</p>
                <p className="text-xs text-muted">
                  {sponsor.contactEmail} · {t("programs", { count: sponsor.programs })}
                </p>
              </div>
              <p className="text-sm">
                <span className="text-muted">{t("members")}: </span>
                {members[i].length ? members[i].map((m) => m.email).join(", ") : t("noMembers")}
              </p>
              <form action={addSponsorMemberAction} className="flex flex-wrap items-end gap-2">
                <input type="hidden" name="sponsorId" value={sponsor.id} />
                <label className="grid gap-1 text-sm">
                  {t("memberEmail")}
                  <input name="email" type="email" required className={control} />
                </label>
                <SubmitButton>{t("add")}</SubmitButton>
              </form>
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}
