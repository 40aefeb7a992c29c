import type { Metadata } from "next";
import Link from "next/link";
import { getTranslations } from "next-intl/server";
import { db } from "@/db";
import { countOrdersToShip } from "@/db/queries/orders";
import { listArtistsForUser } from "@/lib/artists";
import { requireArtistMember } from "@/lib/artists/guard";
import { ArtistSwitcher } from "./artist-switcher";
import { DashboardNav } from "./dashboard-nav";

/** Tabs read "Orders · The Demo Band · Merchtable": each page names itself (./page-title). */
export async function generateMetadata({ params }: LayoutProps<"/dashboard/[artist]">): Promise<Metadata> {
  const { artist } = await requireArtistMember({ slug: (await params).artist });
  return { title: { template: `%s · ${artist.name} · Merchtable`, default: `${artist.name} · Merchtable` } };
}

export default async function ArtistDashboardLayout({ children, params }: LayoutProps<"/dashboard/[artist]">) {
  const { artist, user } = await requireArtistMember({ slug: (await params).artist });
  const [t, tc, ts, bands, toShip] = await Promise.all([
    getTranslations("dashboard"),
    getTranslations("catalog"),
    getTranslations("selling.nav"),
    listArtistsForUser(db, user.id),
    countOrdersToShip(db, artist.id),
  ]);
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
            { href: `${base}/merch`, label: ts("merch") },
            { href: `${base}/shipping`, label: ts("shipping") },
            { href: `${base}/orders`, label: ts("orders"), badge: { count: toShip, label: ts("toShip", { count: toShip }) } },
            { href: `${base}/fans`, label: (await getTranslations("bandops.nav"))("fans") },
            { href: `${base}/payouts`, label: ts("payouts") },
            { href: `${base}/codes`, label: (await getTranslations("codes"))("nav") },
            { href: `${base}/discounts`, label: (await getTranslations("discounts"))("nav") },
            { href: `${base}/settings`, label: t("nav.settings") },
            { href: `${base}/members`, label: t("nav.members") },
            { href: `${base}/embed`, label: (await getTranslations("embed.builder"))("nav") },
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
