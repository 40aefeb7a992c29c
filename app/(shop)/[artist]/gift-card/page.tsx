import type { Metadata } from "next";
import { getTranslations } from "next-intl/server";
import Link from "next/link";
import { notFound } from "next/navigation";
import { connection } from "next/server";
import { GiftPurchase } from "@/components/credit/gift-purchase";
import { accentStyle } from "@/components/ui/accent-style";
import { db } from "@/db";
import { getArtistBySlug } from "@/lib/artists";
import { localeHref } from "@/lib/i18n/locale-href";
import { shopAvailable } from "@/lib/moderation";

export async function generateMetadata({ params }: PageProps<"/[artist]/gift-card">): Promise<Metadata> {
  const artist = await getArtistBySlug(db, (await params).artist);
  const t = await getTranslations("gifts.buy");
  return { title: artist ? t("titleBand", { band: artist.name }) : t("metaTitle") };
}

/** A gift card spendable only in this band's shop, in its currency. */
export default async function BandGiftPage({ params }: PageProps<"/[artist]/gift-card">) {
  await connection();
  const artist = await getArtistBySlug(db, (await params).artist);
  if (!artist || !shopAvailable(artist)) notFound();
  const t = await getTranslations("gifts.buy");
  return (
    <div
      className="mx-auto max-w-xl px-4 py-10 sm:py-14"
      style={accentStyle(artist.accentColor)}
      data-testid="gift-page"
    >
      <p className="text-sm text-muted">
        <Link href={await localeHref(`/${artist.slug}`)} className="underline underline-offset-2 hover:text-ink">
          {artist.name}
        </Link>
      </p>
      <h1 className="mt-1 text-3xl font-semibold tracking-tight">{t("titleBand", { band: artist.name })}</h1>
      <p className="mt-2 text-muted">{t("introBand", { band: artist.name })}</p>
      <div className="mt-8 rounded-lg border border-line bg-surface p-6 shadow-xs">
        <GiftPurchase artist={{ slug: artist.slug, currency: artist.currency }} defaultCurrency={artist.currency} />
      </div>
    </div>
  );
}
