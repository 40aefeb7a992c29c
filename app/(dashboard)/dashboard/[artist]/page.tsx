import Link from "next/link";
import { getTranslations } from "next-intl/server";
import { db } from "@/db";
import { listTeam } from "@/lib/artists";
import { listReleasesForArtist } from "@/lib/catalog/releases";
import { requireArtistMember } from "@/lib/artists/guard";
import { env } from "@/lib/env";

export default async function ArtistOverviewPage({ params }: PageProps<"/dashboard/[artist]">) {
  const { artist, role, user } = await requireArtistMember({ slug: (await params).artist });
  const [t, tc, team] = await Promise.all([getTranslations("dashboard"), getTranslations("catalog"), listTeam(db, user.id, artist.id)]);
  const shopUrl = `${env().APP_URL}/${artist.slug}`;
  const releaseCount = (await listReleasesForArtist(db, artist.id)).filter((r) => r.status === "published").length;
  const checklist = [
    { label: tc("checkRelease"), done: releaseCount > 0, href: "releases" },
    { label: t("overview.checkAvatar"), done: Boolean(artist.avatarKey), href: "settings" },
    { label: t("overview.checkBanner"), done: Boolean(artist.bannerKey), href: "settings" },
    { label: t("overview.checkBio"), done: artist.bio.length > 0, href: "settings" },
    { label: t("overview.checkLinks"), done: artist.links.length > 0, href: "settings" },
    { label: t("overview.checkMembers"), done: (team?.members.length ?? 0) + (team?.invites.length ?? 0) > 1, href: "members" },
  ];
  return (
    <div className="space-y-8">
      <div>
        <h1 className="text-2xl font-semibold tracking-tight" data-testid="dashboard-title">
          {t("overview.welcome", { band: artist.name })}
        </h1>
        <p className="mt-1 text-sm text-muted">{t("overview.role", { role: t(`roles.${role}`) })}</p>
      </div>
      <section className="rounded-lg border border-line bg-white p-6">
        <p className="text-sm text-muted">{t("overview.shopAt")}</p>
        <Link href={`/${artist.slug}`} className="mt-1 block break-all text-lg font-medium underline underline-offset-4">
          {shopUrl}
        </Link>
      </section>
      <section className="rounded-lg border border-line bg-white">
        <h2 className="border-b border-line px-6 py-4 font-semibold">{t("overview.checklistTitle")}</h2>
        <ul className="divide-y divide-line">
          {checklist.map((item) => (
            <li key={item.label} className="flex items-center justify-between gap-4 px-6 py-3 text-sm">
              <Link href={`/dashboard/${artist.slug}/${item.href}`} className={item.done ? "text-muted line-through" : "font-medium hover:underline"}>
                {item.label}
              </Link>
              <span className={`rounded-full px-2 py-0.5 text-xs ${item.done ? "bg-emerald-50 text-emerald-800" : "bg-stone-100 text-muted"}`}>
                {item.done ? t("overview.done") : t("overview.todo")}
              </span>
            </li>
          ))}
        </ul>
      </section>
    </div>
  );
}
