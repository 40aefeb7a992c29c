import type { Metadata } from "next";
import { getLocale, getTranslations } from "next-intl/server";
import Link from "next/link";
import { db } from "@/db";
import { requireArtistMember } from "@/lib/artists/guard";
import { DESCRIPTION_MAX, getOffer, OFFER_LIMITS, subscriberFigures, type OfferError } from "@/lib/fan-subscriptions";
import { currencyDigits, formatMoney, moneyInputValue } from "@/lib/money";
import { testPaymentsActive } from "@/lib/payments";
import { feeFor } from "@/lib/plans";
import { saveOfferAction } from "./actions";
import { OfferForm, type OfferFormText } from "./offer-form";

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations("fanSubsBand"))("title") };
}

const CODES: OfferError[] = [
  "money_format",
  "money_negative",
  "too_low",
  "too_high",
  "no_price",
  "description_too_long",
  "payouts_needed",
];

/** The band's fan subscription: its offer, and its subscribers and recurring revenue per currency. */
export default async function SubscriptionPage({ params }: PageProps<"/dashboard/[artist]/subscription">) {
  const { artist } = await requireArtistMember({ slug: (await params).artist });
  const [t, locale, offer, figures, fee] = await Promise.all([
    getTranslations("fanSubsBand"),
    getLocale(),
    getOffer(db, artist.id),
    subscriberFigures(db, artist.id),
    feeFor(db, artist.id),
  ]);
  const currency = artist.currency;
  const major = (amount: number) => formatMoney(amount * 10 ** currencyDigits(currency), currency, locale);
  const wording = (limits: { min: number; max: number }) =>
    Object.fromEntries(
      CODES.map((code) => [code, t(`errors.${code}`, { min: major(limits.min), max: major(limits.max) })]),
    ) as Record<OfferError, string>;
  const text: OfferFormText = {
    monthly: t("monthly", { currency }),
    yearly: t("yearly", { currency }),
    monthlyHint: t("priceHint", { min: major(OFFER_LIMITS.month.min), max: major(OFFER_LIMITS.month.max) }),
    yearlyHint: t("priceHint", { min: major(OFFER_LIMITS.year.min), max: major(OFFER_LIMITS.year.max) }),
    backCatalogue: t("backCatalogue"),
    description: t("description"),
    active: t("active"),
    activeHint: t("activeHint"),
    save: t("save"),
    saved: t("saved"),
    invalid: t("errors.invalid"),
    errors: {
      monthly: wording(OFFER_LIMITS.month),
      yearly: wording(OFFER_LIMITS.year),
      description: {
        ...wording(OFFER_LIMITS.month),
        description_too_long: t("errors.description_too_long", { max: DESCRIPTION_MAX }),
      },
      active: wording(OFFER_LIMITS.month),
    },
  };
  const price = (amount: number | null | undefined) =>
    amount == null ? "" : moneyInputValue(amount, offer?.currency ?? currency);
  const needsPayouts = !testPaymentsActive() && artist.payoutStatus !== "active";
  return (
    <div className="max-w-3xl space-y-10">
      <header className="space-y-2">
        <h1 className="text-2xl font-semibold tracking-tight">{t("title")}</h1>
        <p className="text-sm text-muted">{t("intro")}</p>
        <p className="text-sm text-muted">
          {t("fee", {
            percent: new Intl.NumberFormat(locale, { style: "percent", maximumFractionDigits: 2 }).format(
              fee.basisPoints / 10_000,
            ),
          })}
        </p>
        <p className="flex flex-wrap gap-4 text-sm">
          <Link href={`/${artist.slug}/subscribe`} className="underline underline-offset-2">
            {t("subscribePage")}
          </Link>
          {needsPayouts && (
            <Link href={`/dashboard/${artist.slug}/payouts`} className="underline underline-offset-2">
              {t("payouts")}
            </Link>
          )}
        </p>
      </header>

      <section aria-labelledby="figures-title">
        <h2 id="figures-title" className="text-lg font-semibold">
          {t("figures.title")}
        </h2>
        {figures.length === 0 ? (
          <p className="mt-2 text-sm text-muted">{t("figures.none")}</p>
        ) : (
          <table className="mt-3 w-full text-sm" data-testid="subscriber-figures">
            <thead className="text-left text-muted">
              <tr>
                <th scope="col" className="py-2 pr-4 font-medium">
                  {t("figures.currency")}
                </th>
                {(["live", "started", "canceled", "mrr"] as const).map((key) => (
                  <th key={key} scope="col" className="py-2 pl-4 text-right font-medium">
                    {t(`figures.${key}`)}
                  </th>
                ))}
              </tr>
            </thead>
            <tbody className="divide-y divide-line border-y border-line">
              {figures.map((row) => (
                <tr key={row.currency} data-testid={`figures-${row.currency}`}>
                  <th scope="row" className="py-2 pr-4 text-left font-medium">
                    {row.currency}
                  </th>
                  {[row.live, row.started, row.canceled, formatMoney(row.monthlyRecurring, row.currency, locale)].map(
                    (value, i) => (
                      <td key={i} className="py-2 pl-4 text-right tabular-nums">
                        {value}
                      </td>
                    ),
                  )}
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </section>

      <section aria-labelledby="offer-title" className="rounded-lg border border-line bg-white p-6 shadow-xs">
        <h2 id="offer-title" className="mb-4 text-lg font-semibold">
          {t("nav")}
        </h2>
        <OfferForm
          action={saveOfferAction}
          artistId={artist.id}
          values={{
            monthly: price(offer?.monthlyAmount),
            yearly: price(offer?.yearlyAmount),
            description: offer?.description ?? "",
            backCatalogue: offer?.backCatalogue ?? false,
            active: offer?.active ?? false,
          }}
          text={text}
        />
      </section>
    </div>
  );
}
