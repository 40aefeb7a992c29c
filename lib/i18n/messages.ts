import type { Locale } from "./config";
import type { FanArea } from "./fan-namespaces";
import adminEn from "./messages/admin.en.json";
import adminFr from "./messages/admin.fr.json";
import bandopsDe from "./messages/bandops.de.json";
import bandopsEn from "./messages/bandops.en.json";
import bandopsEs from "./messages/bandops.es.json";
import bandopsFr from "./messages/bandops.fr.json";
import billingEn from "./messages/billing.en.json";
import billingFr from "./messages/billing.fr.json";
import catalogEn from "./messages/catalog.en.json";
import catalogFr from "./messages/catalog.fr.json";
import checkoutDe from "./messages/checkout.de.json";
import checkoutEn from "./messages/checkout.en.json";
import checkoutEs from "./messages/checkout.es.json";
import checkoutFr from "./messages/checkout.fr.json";
import codesDe from "./messages/codes.de.json";
import codesEn from "./messages/codes.en.json";
import codesEs from "./messages/codes.es.json";
import codesFr from "./messages/codes.fr.json";
import collectionDe from "./messages/collection.de.json";
import collectionEn from "./messages/collection.en.json";
import collectionEs from "./messages/collection.es.json";
import collectionFr from "./messages/collection.fr.json";
import siteDe from "./messages/de.json";
import documentsDe from "./messages/documents.de.json";
import documentsEn from "./messages/documents.en.json";
import documentsEs from "./messages/documents.es.json";
import documentsFr from "./messages/documents.fr.json";
import downloadsDe from "./messages/downloads.de.json";
import downloadsEn from "./messages/downloads.en.json";
import downloadsEs from "./messages/downloads.es.json";
import downloadsFr from "./messages/downloads.fr.json";
import embedDe from "./messages/embed.de.json";
import embedEn from "./messages/embed.en.json";
import embedEs from "./messages/embed.es.json";
import embedFr from "./messages/embed.fr.json";
import en from "./messages/en.json";
import siteEs from "./messages/es.json";
import fanSubsDe from "./messages/fansubs.de.json";
import fanSubsEn from "./messages/fansubs.en.json";
import fanSubsEs from "./messages/fansubs.es.json";
import fanSubsFr from "./messages/fansubs.fr.json";
import firstRunEn from "./messages/firstrun.en.json";
import firstRunFr from "./messages/firstrun.fr.json";
import followsDe from "./messages/follows.de.json";
import followsEn from "./messages/follows.en.json";
import followsEs from "./messages/follows.es.json";
import followsFr from "./messages/follows.fr.json";
import fr from "./messages/fr.json";
import giftsDe from "./messages/gifts.de.json";
import giftsEn from "./messages/gifts.en.json";
import giftsEs from "./messages/gifts.es.json";
import giftsFr from "./messages/gifts.fr.json";
import listenDe from "./messages/listen.de.json";
import listenEn from "./messages/listen.en.json";
import listenEs from "./messages/listen.es.json";
import listenFr from "./messages/listen.fr.json";
import moderationDe from "./messages/moderation.de.json";
import moderationEn from "./messages/moderation.en.json";
import moderationEs from "./messages/moderation.es.json";
import moderationFr from "./messages/moderation.fr.json";
import newsDe from "./messages/news.de.json";
import newsEn from "./messages/news.en.json";
import newsEs from "./messages/news.es.json";
import newsFr from "./messages/news.fr.json";
import newsDeskEn from "./messages/newsdesk.en.json";
import newsDeskFr from "./messages/newsdesk.fr.json";
import plansDe from "./messages/plans.de.json";
import plansEn from "./messages/plans.en.json";
import plansEs from "./messages/plans.es.json";
import plansFr from "./messages/plans.fr.json";
import releaseDayDe from "./messages/releaseday.de.json";
import releaseDayEn from "./messages/releaseday.en.json";
import releaseDayEs from "./messages/releaseday.es.json";
import releaseDayFr from "./messages/releaseday.fr.json";
import sellingDe from "./messages/selling.de.json";
import sellingEn from "./messages/selling.en.json";
import sellingEs from "./messages/selling.es.json";
import sellingFr from "./messages/selling.fr.json";
import sponsorEn from "./messages/sponsor.en.json";
import sponsorFr from "./messages/sponsor.fr.json";
import statsEn from "./messages/stats.en.json";
import statsFr from "./messages/stats.fr.json";
import titlesEn from "./messages/titles.en.json";
import titlesFr from "./messages/titles.fr.json";

/**
 * One file pair per area, so work on different areas never edits the same file:
 * en.json/fr.json (site, accounts, profile), catalog.* (dashboard releases and uploads),
 * listen.* (release page, player), checkout.* (cart, checkout, receipts), selling.* (dashboard
 * prices, merch, shipping, orders, payouts), downloads.* (download page, library), titles.* (dashboard tab titles), firstrun.* (first-release steps), plans.* (pricing page, plan limits),
 * collection.* (the fan's wishlist, public page, collection download, lyrics), billing.* (the band's plan page, subscriptions, billing e-mails), admin.* (operator console), moderation.* (reports, unavailable pages, audit trail), documents.* (receipt and credit note PDFs, the band's VAT status). Top-level keys must not collide between files.
 * billing.* (the band's plan page, subscriptions, billing e-mails), admin.* (operator console), moderation.* (reports, unavailable pages, audit trail), documents.* (receipt and credit note PDFs, the band's VAT status), releaseday.* (pre-orders, release day mails, the editor's release day). Top-level keys must not collide between files.
 * German and Spanish translate the fan-facing namespaces only (fanMessages below).
 */
const enAll = {
  ...en,
  ...catalogEn,
  ...listenEn,
  ...checkoutEn,
  ...sellingEn,
  ...downloadsEn,
  ...embedEn,
  ...statsEn,
  ...bandopsEn,
  ...codesEn,
  ...titlesEn,
  ...firstRunEn,
  ...plansEn,
  ...billingEn,
  ...adminEn,
  ...moderationEn,
  ...documentsEn,
  ...giftsEn,
  ...sponsorEn,
  ...followsEn,
  ...newsEn,
  ...newsDeskEn,
  ...collectionEn,
  ...fanSubsEn,
  ...releaseDayEn,
};
export type Messages = typeof enAll;

type Tree = { [key: string]: unknown };
const isTree = (value: unknown): value is Tree => typeof value === "object" && value !== null && !Array.isArray(value);
/** `base` with `over`'s leaves put in place (a namespace may be part of a top-level key, "codes.redeem"). */
function overlay(base: Tree, over: Tree): Tree {
  const merged: Tree = { ...base };
  for (const [key, value] of Object.entries(over))
    merged[key] = isTree(value) && isTree(base[key]) ? overlay(base[key], value) : value;
  return merged;
}

/** German and Spanish fan messages, by area (lib/i18n/fan-namespaces.ts says which namespaces). */
export const fanMessages: Record<"de" | "es", Record<FanArea, Tree>> = {
  de: {
    site: siteDe,
    checkout: checkoutDe,
    listen: listenDe,
    downloads: downloadsDe,
    embed: embedDe,
    codes: codesDe,
    moderation: moderationDe,
    bandops: bandopsDe,
    plans: plansDe,
    selling: sellingDe,
    documents: documentsDe,
    gifts: giftsDe,
    follows: followsDe,
    news: newsDe,
    collection: collectionDe,
    fansubs: fanSubsDe,
    releaseday: releaseDayDe,
  },
  es: {
    site: siteEs,
    checkout: checkoutEs,
    listen: listenEs,
    downloads: downloadsEs,
    embed: embedEs,
    codes: codesEs,
    moderation: moderationEs,
    bandops: bandopsEs,
    plans: plansEs,
    selling: sellingEs,
    documents: documentsEs,
    gifts: giftsEs,
    follows: followsEs,
    news: newsEs,
    collection: collectionEs,
    fansubs: fanSubsEs,
    releaseday: releaseDayEs,
  },
};
/** The whole catalogue of a fan language: its own fan messages over English (the back office's). */
const withFanMessages = (locale: "de" | "es") =>
  Object.values(fanMessages[locale]).reduce<Tree>((all, area) => overlay(all, area), enAll) as Messages;

export const messages: Record<Locale, Messages> = {
  en: enAll,
  fr: {
    ...fr,
    ...catalogFr,
    ...listenFr,
    ...checkoutFr,
    ...sellingFr,
    ...downloadsFr,
    ...embedFr,
    ...statsFr,
    ...bandopsFr,
    ...codesFr,
    ...titlesFr,
    ...firstRunFr,
    ...plansFr,
    ...billingFr,
    ...adminFr,
    ...moderationFr,
    ...documentsFr,
    ...giftsFr,
    ...sponsorFr,
    ...followsFr,
    ...newsFr,
    ...newsDeskFr,
    ...collectionFr,
    ...fanSubsFr,
    ...releaseDayFr,
  },
  de: withFanMessages("de"),
  es: withFanMessages("es"),
};
