import { getTranslations } from "next-intl/server";
import Link from "next/link";
import { db } from "@/db";
import { getOffer } from "@/lib/fan-subscriptions";
import { localePath } from "@/lib/i18n";
import { pageLocale } from "@/lib/i18n/locale-href";

/** "Subscribe to <band>" on the shop and release pages, when the band offers a subscription. */
export async function SubscribeLink({ artist }: { artist: { id: string; slug: string; name: string } }) {
  const offer = await getOffer(db, artist.id);
  if (!offer?.active) return null;
  const [t, locale] = await Promise.all([getTranslations("fanSubs"), pageLocale()]);
  return (
    <Link
      href={localePath(locale, `/${artist.slug}/subscribe`)}
      className="block rounded-lg border border-line bg-white px-4 py-3 text-sm hover:bg-stone-50"
      data-testid="subscribe-link"
    >
      <span className="font-semibold underline-offset-2 hover:underline">{t("shopLink", { band: artist.name })}</span>
      <span className="mt-0.5 block text-muted">{t("shopLinkHint")}</span>
    </Link>
  );
}
