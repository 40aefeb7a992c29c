import type { Metadata } from "next";
import { getLocale, getTranslations } from "next-intl/server";
import Link from "next/link";
import { notFound } from "next/navigation";
import { libraryViewer } from "@/app/(shop)/library/library-session";
import { accentStyle } from "@/components/ui/accent-style";
import { Field } from "@/components/ui/field";
import { Notice } from "@/components/ui/notice";
import { SubmitButton } from "@/components/ui/submit-button";
import { db } from "@/db";
import { getArtistBySlug } from "@/lib/artists";
import { getOffer, isLiveSubscriber } from "@/lib/fan-subscriptions";
import { localeHref } from "@/lib/i18n/locale-href";
import { shopAvailable } from "@/lib/moderation";
import { formatMoney } from "@/lib/money";
import { shopLook } from "@/lib/plans";
import { subscribeAction } from "./actions";

export async function generateMetadata({ params }: PageProps<"/[artist]/subscribe">): Promise<Metadata> {
  const artist = await getArtistBySlug(db, (await params).artist);
  const t = await getTranslations("fanSubs.subscribe");
  return { title: t("metaTitle", { band: artist?.name ?? "" }), robots: { index: false, follow: false } };
}

const ERRORS = [
  "not_offered",
  "bad_email",
  "already_subscribed",
  "payouts_needed",
  "provider_failed",
  "interval",
] as const;

/** A fan subscribes to the band: monthly or yearly, with the address their library lives under. */
export default async function SubscribePage({ params, searchParams }: PageProps<"/[artist]/subscribe">) {
  const artist = await getArtistBySlug(db, (await params).artist);
  if (!artist || !shopAvailable(artist)) notFound();
  const [t, locale, query, offer, viewer, shopHref, libraryHref] = await Promise.all([
    getTranslations("fanSubs.subscribe"),
    getLocale(),
    searchParams,
    getOffer(db, artist.id),
    libraryViewer(),
    localeHref(`/${artist.slug}`),
    localeHref("/library"),
  ]);
  const band = artist.name;
  const error = ERRORS.find((code) => code === query.error);
  const subscribed = viewer ? await isLiveSubscriber(db, artist.id, viewer.email) : false;
  const prices = offer?.active
    ? (["month", "year"] as const).flatMap((interval) => {
        const amount = interval === "month" ? offer.monthlyAmount : offer.yearlyAmount;
        return amount === null
          ? []
          : [{ interval, label: t(interval, { amount: formatMoney(amount, offer.currency, locale) }) }];
      })
    : [];
  return (
    <div className="mx-auto max-w-md px-4 py-12 sm:px-6" style={accentStyle(shopLook(artist).accentColor)}>
      <p className="text-sm text-muted">
        <Link href={shopHref} className="underline underline-offset-2 hover:text-ink">
          {t("back", { band })}
        </Link>
      </p>
      <h1 className="mt-2 text-3xl font-semibold tracking-tight">{t("title", { band })}</h1>
      <div className="mt-6 space-y-4" data-testid="subscribe-page">
        {query.checkout === "done" && (
          <Notice tone="success">
            {t("done")}{" "}
            <Link href={libraryHref} className="font-medium underline underline-offset-2">
              {t("library")}
            </Link>
          </Notice>
        )}
        {query.checkout === "canceled" && <Notice>{t("canceled")}</Notice>}
        {/* A bad address is said under its field. */}
        {error && error !== "bad_email" && <Notice tone="error">{t(`errors.${error}`, { band })}</Notice>}
        {prices.length === 0 ? (
          <p data-testid="subscribe-not-offered">{t("notOffered", { band })}</p>
        ) : subscribed ? (
          <p data-testid="subscribe-already">
            {t("already", { band })}{" "}
            <Link href={libraryHref} className="font-medium underline underline-offset-2">
              {t("library")}
            </Link>
          </p>
        ) : (
          <>
            <p className="text-sm leading-relaxed">{t("intro", { band })}</p>
            {offer?.backCatalogue && <p className="text-sm font-medium">{t("backCatalogue")}</p>}
            {offer?.description && <p className="whitespace-pre-line text-sm text-muted">{offer.description}</p>}
            <form action={subscribeAction} className="space-y-5 rounded-lg border border-line bg-white p-6 shadow-xs">
              <input type="hidden" name="artist" value={artist.slug} />
              <fieldset>
                <legend className="mb-2 text-sm font-medium">{t("interval")}</legend>
                <div className="space-y-2">
                  {prices.map((price, i) => (
                    <label key={price.interval} className="flex items-center gap-2 text-sm">
                      <input type="radio" name="interval" value={price.interval} defaultChecked={i === 0} />
                      {price.label}
                    </label>
                  ))}
                </div>
              </fieldset>
              <Field
                label={t("email")}
                name="email"
                type="email"
                autoComplete="email"
                required
                defaultValue={viewer?.email ?? ""}
                hint={t("emailHint")}
                error={error === "bad_email" ? t("errors.bad_email", { band }) : null}
              />
              <SubmitButton className="w-full">{t("submit")}</SubmitButton>
            </form>
          </>
        )}
      </div>
    </div>
  );
}
