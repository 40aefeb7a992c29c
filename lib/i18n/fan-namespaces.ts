/**
 * The fan-facing messages, by the file pair they live in (site = en.json/fr.json): German and
 * Spanish have a file per area holding exactly these namespaces (`<area>.de.json`, `de.json` for
 * site), and take English for everything else, which only the back office shows
 * (tests/unit/i18n-fan-parity.test.ts checks both ways). A new fan-facing namespace is added here
 * and translated in the de and es files of its area.
 */
export const FAN_NAMESPACES = {
  site: ["meta", "nav", "footer", "home", "shop", "notFound"],
  checkout: ["buy", "cart", "checkout", "orderEmail", "albumGift"],
  listen: ["release", "player", "prices"],
  downloads: ["downloads"],
  embed: ["embed.widget", "embed.add", "embed.loader"],
  codes: ["codes.redeem", "discounts.cart"],
  moderation: ["moderation.reportLink", "moderation.unavailable", "moderation.report"],
  bandops: ["bandops.emails", "bandops.unsubscribe"],
  plans: ["plans.nav", "plans.pricing", "plans.unlistedNote"],
  selling: ["selling.kinds"],
  documents: ["documents.pdf", "documents.links"],
  gifts: ["gifts"],
  follows: [
    "follows.button",
    "follows.page",
    "follows.confirm",
    "follows.unsubscribe",
    "follows.mail",
    "follows.library",
  ],
  news: ["news"],
  collection: ["collection"],
  fansubs: ["fanSubs"],
  releaseday: ["releaseDay"],
} as const;

export type FanArea = keyof typeof FAN_NAMESPACES;

/**
 * Top-level namespaces no fan ever sees (dashboard, accounts, operator console, band e-mails). Every
 * top-level namespace is either here or holds a FAN_NAMESPACES entry, so a new one must be placed
 * (the parity test says which): a fan-facing one left out would show English on German pages.
 */
export const BACK_OFFICE_NAMESPACES = [
  "auth",
  "artist",
  "onboarding",
  "dashboard",
  "invite",
  "devMail",
  "errors",
  "email",
  "catalog",
  "stats",
  "titles",
  "firstRun",
  "billing",
  "admin",
  "sponsor",
  "newsDesk",
  "fanSubsBand",
  "releaseDayEditor",
] as const;
