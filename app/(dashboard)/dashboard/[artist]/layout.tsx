import Link from "next/link";
import { getTranslations } from "next-intl/server";
import { db } from "@/db";
import { listArtistsForUser } from "@/lib/artists";
import { requireArtistMember } from "@/lib/artists/guard";
import { ArtistSwitcher } from "./artist-switcher";
import { DashboardNav } from "./dashboard-nav";

export default async function ArtistDashboardLayout({ children, params }: LayoutProps<"/dashboard/[artist]">) {
  const { artist, user } = await requireArtistMember({ slug: (await params).artist });
  const [t, tc, bands] = await Promise.all([getTranslations("dashboard"), getTranslations("catalog"), listArtistsForUser(db, user.id)]);
  const base = `/dashboard/${artist.slug}`;
  return (
    <div className="mx-auto grid max-w-6xl gap-8 px-4 py-8 sm:px-6 lg:grid-cols-[14rem_1fr]">
      <aside className="space-y-6">
        <ArtistSwitcher
          label={t("switcher")}
          current={artist.slug}
          bands={bands.map((b) => ({ slug: b.slug, name: b.name }))}
          newLabel={t("newBand")}
        />
        <DashboardNav
          items={[
            { href: base, label: t("nav.overview") },
            { href: `${base}/releases`, label: tc("nav") },
            { href: `${base}/settings`, label: t("nav.settings") },
            { href: `${base}/members`, label: t("nav.members") },
          ]}
        />
        <Link href={`/${artist.slug}`} className="block text-sm text-muted underline underline-offset-2">
          {t("nav.viewShop")} →
        </Link>
      </aside>
      <div className="min-w-0">{children}</div>
    </div>
  );
}
