import type { Metadata } from "next";
import { getTranslations } from "next-intl/server";
import { pageTitle } from "@/app/(dashboard)/dashboard/[artist]/page-title";
import { EmbedBuilder, type BuilderItem } from "@/components/dashboard/embed/embed-builder";
import { db } from "@/db";
import { requireArtistMember } from "@/lib/artists/guard";
import { loadReleaseWidget, loadShopWidget } from "@/lib/embed/data";
import { env } from "@/lib/env";

export async function generateMetadata(): Promise<Metadata> {
  return { ...(await pageTitle("embed")), robots: { index: false, follow: false } };
}

/**
 * Only published items are offered: a widget of a draft would show "not available" on the
 * band's site. Everything here is read through the same loaders the widgets use.
 */
export default async function EmbedPage({ params, searchParams }: PageProps<"/dashboard/[artist]/embed">) {
  const { artist } = await requireArtistMember({ slug: (await params).artist });
  const { release } = await searchParams;
  const t = await getTranslations("embed.builder");
  const shop = await loadShopWidget(db, artist.slug);
  const items: BuilderItem[] = [];
  for (const offer of shop?.offers ?? []) {
    if (offer.kind === "release") {
      const widget = await loadReleaseWidget(db, offer.id);
      items.push({
        kind: "release",
        id: offer.id,
        title: offer.title,
        pagePath: offer.pagePath,
        trackCount: widget?.tracks.length ?? 0,
        hasArtwork: Boolean(widget?.release.artworkKey),
      });
      for (const track of widget?.tracks ?? []) {
        items.push({
          kind: "track",
          id: track.id,
          title: `${offer.title} · ${track.position}. ${track.title}`,
          pagePath: `${offer.pagePath}?track=${track.id}`,
          sold: false,
          hasArtwork: Boolean(widget?.release.artworkKey),
        });
      }
    } else if (offer.kind === "track") {
      const listed = items.find((i) => i.kind === "track" && i.id === offer.id);
      if (listed) listed.sold = true;
    } else {
      items.push({ kind: "product", id: offer.id, title: offer.title, pagePath: offer.pagePath });
    }
  }
  return (
    <div className="space-y-6">
      <div>
        <h1 className="text-2xl font-semibold tracking-tight">{t("title")}</h1>
        <p className="mt-1 max-w-prose text-sm text-muted">{t("intro")}</p>
      </div>
      <EmbedBuilder
        appUrl={env().APP_URL}
        artistSlug={artist.slug}
        artistName={artist.name}
        items={items}
        initialRelease={typeof release === "string" ? release : undefined}
      />
    </div>
  );
}
