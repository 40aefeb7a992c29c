import { getLocale, getTranslations } from "next-intl/server";
import { pageTitle } from "@/app/(dashboard)/dashboard/[artist]/page-title";
import { ShippingForm } from "@/components/dashboard/selling/shipping-form";
import { Notice } from "@/components/ui/notice";
import { db } from "@/db";
import { CURRENCIES } from "@/lib/artists/currencies";
import { requireArtistMember } from "@/lib/artists/guard";
import { countryOptions, quoteShipping, type ZoneRate } from "@/lib/countries";
import { getShippingSettings } from "@/lib/merch";
import { formatMoney, moneyInputValue } from "@/lib/money";
import { saveShippingAction } from "./actions";

/** The worked example runs the real rule (quoteShipping) on the band's home rate, or on sample figures. */
function example(rates: ZoneRate[], home: string | null) {
  const rate = rates.find((r) => r.zone === "home") ?? {
    zone: "home" as const,
    countries: [],
    firstItem: 400,
    eachExtra: 100,
  };
  const quote = quoteShipping([rate], { country: home ?? "FR", homeCountry: home ?? "FR", physicalUnits: 3 });
  return { first: rate.firstItem, extra: rate.eachExtra, total: quote.ok ? quote.amount : 0 };
}

export async function generateMetadata() {
  return pageTitle("shipping");
}

export default async function ShippingPage({ params }: PageProps<"/dashboard/[artist]/shipping">) {
  const { artist } = await requireArtistMember({ slug: (await params).artist });
  const [t, locale, settings] = await Promise.all([
    getTranslations("selling.shipping"),
    getLocale(),
    getShippingSettings(db, artist.id),
  ]);
  const countries = countryOptions(locale);
  const own = settings.rates.filter((r) => r.currency === settings.currency);
  const sample = example(own, settings.country);
  const money = (amount: number) => formatMoney(amount, settings.currency, locale);
  return (
    <div className="space-y-6">
      <div>
        <h1 className="text-2xl font-semibold tracking-tight">{t("title")}</h1>
        <p className="mt-1 max-w-prose text-sm text-muted">{t("intro")}</p>
      </div>
      {!settings.country && <Notice tone="info">{t("countryMissing")}</Notice>}
      <section className="rounded-lg border border-line bg-white p-6 text-sm" data-testid="shipping-rule">
        <h2 className="font-semibold">{t("ruleTitle")}</h2>
        <p className="mt-2 max-w-prose">{t("rule")}</p>
        <p className="mt-2 max-w-prose text-muted">
          {t("example", { first: money(sample.first), extra: money(sample.extra), total: money(sample.total) })}
        </p>
        <p className="mt-2 max-w-prose text-muted">{t("currencyRule")}</p>
      </section>
      <div className="rounded-lg border border-line bg-white p-6">
        <ShippingForm
          action={saveShippingAction}
          artistId={artist.id}
          currency={settings.currency}
          currencies={CURRENCIES}
          countries={countries}
          initial={{
            country: settings.country ?? "",
            rates: settings.rates.map((r) => ({
              key: r.id,
              zone: r.zone,
              label: r.label,
              countries: r.countries,
              currency: r.currency,
              firstItem: moneyInputValue(r.firstItem, r.currency),
              eachExtra: moneyInputValue(r.eachExtra, r.currency),
            })),
          }}
        />
      </div>
    </div>
  );
}
