import type { Locale } from "./config";
import adminEn from "./messages/admin.en.json";
import adminFr from "./messages/admin.fr.json";
import bandopsEn from "./messages/bandops.en.json";
import bandopsFr from "./messages/bandops.fr.json";
import billingEn from "./messages/billing.en.json";
import billingFr from "./messages/billing.fr.json";
import catalogEn from "./messages/catalog.en.json";
import catalogFr from "./messages/catalog.fr.json";
import checkoutEn from "./messages/checkout.en.json";
import checkoutFr from "./messages/checkout.fr.json";
import codesEn from "./messages/codes.en.json";
import codesFr from "./messages/codes.fr.json";
import documentsEn from "./messages/documents.en.json";
import documentsFr from "./messages/documents.fr.json";
import downloadsEn from "./messages/downloads.en.json";
import downloadsFr from "./messages/downloads.fr.json";
import embedEn from "./messages/embed.en.json";
import embedFr from "./messages/embed.fr.json";
import en from "./messages/en.json";
import firstRunEn from "./messages/firstrun.en.json";
import firstRunFr from "./messages/firstrun.fr.json";
import fr from "./messages/fr.json";
import listenEn from "./messages/listen.en.json";
import listenFr from "./messages/listen.fr.json";
import moderationEn from "./messages/moderation.en.json";
import moderationFr from "./messages/moderation.fr.json";
import plansEn from "./messages/plans.en.json";
import plansFr from "./messages/plans.fr.json";
import sellingEn from "./messages/selling.en.json";
import sellingFr from "./messages/selling.fr.json";
import statsEn from "./messages/stats.en.json";
import statsFr from "./messages/stats.fr.json";
import titlesEn from "./messages/titles.en.json";
import titlesFr from "./messages/titles.fr.json";

/**
 * One file pair per area, so work on different areas never edits the same file:
 * en.json/fr.json (site, accounts, profile), catalog.* (dashboard releases and uploads),
 * listen.* (release page, player), checkout.* (cart, checkout, receipts), selling.* (dashboard
 * prices, merch, shipping, orders, payouts), downloads.* (download page, library), titles.* (dashboard tab titles), firstrun.* (first-release steps), plans.* (pricing page, plan limits),
 * billing.* (the band's plan page, subscriptions, billing e-mails), admin.* (operator console), moderation.* (reports, unavailable pages, audit trail), documents.* (receipt and credit note PDFs, the band's VAT status). Top-level keys must not collide between files.
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
};
export type Messages = typeof enAll;
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
  },
};
