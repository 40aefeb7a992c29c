import type { Metadata } from "next";
import { getTranslations } from "next-intl/server";
import Link from "next/link";
import { notFound } from "next/navigation";
import { connection } from "next/server";
import { cache } from "react";
import { ReleaseArtwork } from "@/components/release/release-artwork";
import { db } from "@/db";
import { releaseArtworkUrl } from "@/lib/catalog";
import { publicCollection } from "@/lib/collection";

const load = cache((slug: string) => publicCollection(db, slug));

export async function generateMetadata({ params }: PageProps<"/fans/[slug]">): Promise<Metadata> {
  const { slug } = await params;
  const page = await load(slug);
  if (!page) return {};
  const t = await getTranslations("collection.fanPage");
  return { title: t("metaTitle", { name: page.displayName }), robots: { index: false, follow: true } };
}

/** A fan's public collection, when they turned it on: bands and releases only, nothing about the fan. */
export default async function FanCollectionPage({ params }: PageProps<"/fans/[slug]">) {
  await connection();
  const { slug } = await params;
  const page = await load(slug);
  if (!page) notFound();
  const [t, release] = await Promise.all([getTranslations("collection.fanPage"), getTranslations("release")]);
  return (
    <div className="mx-auto max-w-3xl px-4 py-8 sm:px-6 sm:py-12" data-testid="fan-collection">
      <header className="border-b border-line pb-6">
        <h1 className="text-3xl font-semibold tracking-tight">{t("title", { name: page.displayName })}</h1>
        <p className="mt-2 text-sm text-muted">{t("count", { count: page.items.length })}</p>
      </header>
      {page.items.length === 0 ? (
        <p className="py-12 text-center text-muted">{t("empty")}</p>
      ) : (
        <ul className="grid grid-cols-2 gap-6 py-6 sm:grid-cols-3">
          {page.items.map((item) => (
            <li key={item.key} data-testid="fan-collection-item">
              <Link href={`/${item.artist.slug}/${item.release.slug}`} className="group block">
                <ReleaseArtwork
                  src={releaseArtworkUrl(item.release.artworkKey, "medium")}
                  src2x={releaseArtworkUrl(item.release.artworkKey, "large")}
                  alt=""
                  title={item.release.title}
                  className="ring-1 ring-black/5"
                />
                <p className="mt-2 truncate font-semibold group-hover:underline">
                  {item.trackTitle ?? item.release.title}
                </p>
                <p className="truncate text-sm text-muted">
                  {item.artist.name} ·{" "}
                  {item.trackTitle
                    ? t("trackOf", { release: item.release.title })
                    : release(`kind.${item.release.kind}`)}
                </p>
              </Link>
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}
