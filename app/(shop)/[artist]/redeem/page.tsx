import type { Metadata } from "next";
import { getTranslations } from "next-intl/server";
import Link from "next/link";
import { notFound } from "next/navigation";
import { redeemAction } from "@/app/(shop)/redeem/actions";
import { RedeemForm } from "@/app/(shop)/redeem/redeem-form";
import { ClientMessages } from "@/components/i18n/client-messages";
import { accentStyle } from "@/components/ui/accent-style";
import { db } from "@/db";
import { getArtistBySlug } from "@/lib/artists";
import { localeHref } from "@/lib/i18n/locale-href";
import { shopAvailable } from "@/lib/moderation";

export const metadata: Metadata = { title: "Redeem a code", robots: { index: false, follow: false } };

/** Where a card's QR code lands: only this band's codes are accepted here. */
export default async function ArtistRedeemPage({ params, searchParams }: PageProps<"/[artist]/redeem">) {
  const artist = await getArtistBySlug(db, (await params).artist);
  // A suspended shop sells nothing: its cart and code page are the neutral unavailable page.
  if (!artist || !shopAvailable(artist)) notFound();
  const shopHref = await localeHref(`/${artist.slug}`);
  const t = await getTranslations("codes.redeem");
  const code = (await searchParams).code;
  return (
    <div className="mx-auto max-w-md px-4 py-12 sm:px-6" style={accentStyle(artist.accentColor)}>
      <p className="text-sm text-muted">
        <Link href={shopHref} className="underline underline-offset-2 hover:text-ink">
          {artist.name}
        </Link>
      </p>
      <h1 className="mt-1 text-2xl font-semibold tracking-tight">{t("titleBand", { band: artist.name })}</h1>
      <p className="mt-2 text-sm text-muted">{t("intro")}</p>
      <div className="mt-6">
        <ClientMessages namespaces={["codes.redeem"]}>
          <RedeemForm
            action={redeemAction}
            artistSlug={artist.slug}
            initialCode={typeof code === "string" ? code.slice(0, 60) : ""}
          />
        </ClientMessages>
      </div>
    </div>
  );
}
