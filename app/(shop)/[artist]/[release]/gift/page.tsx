import type { Metadata } from "next";
import { getLocale, getTranslations } from "next-intl/server";
import Link from "next/link";
import { notFound } from "next/navigation";
import { ReleaseArtwork } from "@/components/release/release-artwork";
import { accentStyle } from "@/components/ui/accent-style";
import { db } from "@/db";
import { getPublishedRelease, releaseArtworkUrl } from "@/lib/catalog/public";
import { localeHref } from "@/lib/i18n/locale-href";
import { formatMoney, moneyInputValue } from "@/lib/money";
import { dateIn, GIFT_MESSAGE_MAX, releaseOffers, yearAfter } from "@/lib/orders";
import { shopLook } from "@/lib/plans";
import { buyGiftAction } from "./actions";
import { GiftForm } from "./gift-form";

export const metadata: Metadata = { title: "Buy as a gift", robots: { index: false, follow: false } };

/** "Buy this album as a gift": published releases with a price only (a draft is a 404 here too). */
export default async function ReleaseGiftPage({ params }: PageProps<"/[artist]/[release]/gift">) {
  const { artist: artistSlug, release: releaseSlug } = await params;
  const data = await getPublishedRelease(db, artistSlug, releaseSlug);
  if (!data) notFound();
  const { artist, release } = data;
  const [t, tBuy, locale, offers] = await Promise.all([
    getTranslations("albumGift"),
    getTranslations("buy"),
    getLocale(),
    releaseOffers(db, artist, release),
  ]);
  const rule = offers.release.rule;
  const sellable = offers.release.forSale && rule.mode !== "free" && offers.canTakePayments;
  const money = (amount: number) => formatMoney(amount, offers.currency, locale);
  const today = dateIn(new Date(), "UTC");
  const releaseHref = await localeHref(`/${artist.slug}/${release.slug}`);

  return (
    <div className="mx-auto max-w-2xl px-4 py-10 sm:px-6" style={accentStyle(shopLook(artist).accentColor)}>
      <Link href={releaseHref} className="text-sm text-muted underline underline-offset-2 hover:text-ink">
        {t("form.back", { title: release.title })}
      </Link>
      <div className="mt-4 flex items-start gap-4">
        <div className="w-24 shrink-0 sm:w-32">
          <ReleaseArtwork
            src={releaseArtworkUrl(release.artworkKey, "medium")}
            src2x={releaseArtworkUrl(release.artworkKey, "large")}
            alt=""
            title={release.title}
            className="shadow-sm ring-1 ring-black/5"
          />
        </div>
        <div>
          <h1 className="text-2xl font-semibold tracking-tight text-balance">
            {t("form.title", { title: release.title })}
          </h1>
          <p className="mt-1 text-sm text-muted">{artist.name}</p>
          {sellable && (
            <p className="mt-2 font-semibold tabular-nums" data-testid="gift-price">
              {rule.mode === "fixed"
                ? money(rule.amount)
                : rule.minimum === 0
                  ? tBuy("nameYourPrice")
                  : tBuy("orMore", { price: money(rule.minimum) })}
            </p>
          )}
        </div>
      </div>
      {sellable ? (
        <>
          <p className="mt-6 text-sm text-muted">{t("form.intro", { band: artist.name })}</p>
          <div className="mt-6 rounded-lg border border-line bg-surface p-5 shadow-xs">
            <GiftForm
              action={buyGiftAction}
              artistSlug={artist.slug}
              releaseId={release.id}
              currency={offers.currency}
              amountDefault={
                rule.mode === "pay_what_you_want" ? moneyInputValue(rule.suggested, offers.currency) : undefined
              }
              today={today}
              lastDay={yearAfter(today)}
              messageMax={GIFT_MESSAGE_MAX}
              labels={{
                how: t("form.how"),
                byEmail: t("form.byEmail"),
                byPrint: t("form.byPrint"),
                recipientEmail: t("form.recipientEmail"),
                recipientName: t("form.recipientName"),
                senderName: t("form.senderName"),
                message: t("form.message"),
                messageHint: t("form.messageHint", { max: GIFT_MESSAGE_MAX }),
                deliverOn: t("form.deliverOn"),
                deliverOnHint: t("form.deliverOnHint"),
                buyerEmail: t("form.buyerEmail"),
                buyerEmailHint: t("form.buyerEmailHint"),
                amount: t("form.amount", { currency: offers.currency }),
                amountHint:
                  rule.mode === "pay_what_you_want" ? tBuy("minimumHint", { price: money(rule.minimum) }) : "",
                submit: t("form.submit"),
              }}
            />
          </div>
        </>
      ) : (
        <p className="mt-6 text-sm text-amber-800">{t("form.notForSale")}</p>
      )}
    </div>
  );
}
