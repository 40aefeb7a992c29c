import type { Metadata } from "next";
import { getTranslations } from "next-intl/server";
import Link from "next/link";
import { ClientMessages } from "@/components/i18n/client-messages";
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
  const [t, tc, ts, tn, tcodes, tdisc, tfans, tembed, tmod, tbill, tsubs, bands, toShip, tnews] = await Promise.all([
    getTranslations("dashboard"),
    getTranslations("catalog"),
    getTranslations("selling.nav"),
    getTranslations("firstRun.nav"),
    getTranslations("codes"),
    getTranslations("discounts"),
    getTranslations("bandops.nav"),
    getTranslations("embed.builder"),
    getTranslations("moderation.activity"),
    getTranslations("billing"),
    getTranslations("fanSubsBand"),
    listArtistsForUser(db, user.id),
    countOrdersToShip(db, artist.id),
    getTranslations("newsDesk"),
  ]);
  const base = `/dashboard/${artist.slug}`;
  return (
    <div className="mx-auto grid max-w-6xl gap-8 px-4 py-8 sm:px-6 lg:grid-cols-[14rem_1fr]">
      <aside className="space-y-4 lg:space-y-6">
        <ArtistSwitcher
          label={t("switcher")}
          current={artist.slug}
          bands={bands.map((b) => ({ slug: b.slug, name: b.name }))}
          newLabel={t("newBand")}
        />
        <DashboardNav
          labels={{ menu: tn("menu"), nav: tn("label") }}
          groups={[
            { items: [{ href: base, label: t("nav.overview") }] },
            {
              title: tn("music"),
              items: [
                { href: `${base}/releases`, label: tc("nav") },
                { href: `${base}/merch`, label: ts("merch") },
              ],
            },
            {
              title: tn("sell"),
              items: [
                {
                  href: `${base}/orders`,
                  label: ts("orders"),
                  badge: { count: toShip, label: ts("toShip", { count: toShip }) },
                },
                { href: `${base}/codes`, label: tcodes("nav") },
                { href: `${base}/discounts`, label: tdisc("nav") },
                { href: `${base}/subscription`, label: tsubs("nav") },
                { href: `${base}/shipping`, label: ts("shipping") },
                { href: `${base}/payouts`, label: ts("payouts") },
              ],
            },
            // No heading: a "Fans" heading over a "Fans" link would say it twice.
            {
              items: [
                { href: `${base}/fans`, label: tfans("fans") },
                { href: `${base}/news`, label: tnews("nav") },
              ],
            },
            {
              title: tn("site"),
              items: [
                { href: `${base}/embed`, label: tembed("nav") },
                { href: `${base}/settings`, label: t("nav.settings") },
                { href: `${base}/members`, label: t("nav.members") },
                { href: `${base}/plan`, label: tbill("nav") },
                { href: `${base}/activity`, label: tmod("nav") },
              ],
            },
          ]}
        />
        <Link href={`/${artist.slug}`} className="block text-sm text-muted underline underline-offset-2">
          {t("nav.viewShop")} →
        </Link>
      </aside>
      <div className="min-w-0">
        {/* The back office's forms: a broad set, fans' pages never carry it. */}
        <ClientMessages
          namespaces={[
            "artist",
            "bandops.orders",
            "catalog",
            "codes",
            "dashboard",
            "discounts",
            "embed.builder",
            "errors",
            "firstRun",
            "plans.limit",
            "plans.look",
            "selling",
          ]}
        >
          {children}
        </ClientMessages>
      </div>
    </div>
  );
}
