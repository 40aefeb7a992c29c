/**
 * The house rules of `lib`, checked by `npm run deps` and by the static suite of `npm test`
 * (dependency-cruiser reads tsconfig.json, so `@/` imports resolve like TypeScript's).
 *
 * Layers, from the leaves up. A folder may import its own layer or any layer below it, never
 * one above; within a layer, the no-circular rule keeps the imports one-way.
 *
 *   5 entry points  cli
 *   4 features      downloads, embed, stats, jobs, library, stream, page-cache, seo (sitemap, robots.txt,
 *                   JSON-LD and share pictures: reads the catalogue and the release page's offers),
 *                   admin (the operator console's reads and actions)
 *   3 orders        orders (cart, checkout, fulfilment, download grants, code redemption,
 *                   payment-events/: the Stripe webhook and the handlers that change orders),
 *                   billing (bands' Pro subscriptions: checkout, portal, lifecycle events)
 *   2 domain        artists, auth, catalog, codes, discounts, email, fans, merch, plays, plans
 *                   (limits, fees, look), moderation (suspension, take-downs), documents (receipts and
 *                   credit notes: numbered series, PDFs), credit (stored value: the ledger, gift cards, balances,
 *                   sponsors' programs, credit purchases)
 *   1 adapters      audio, http, images, payments, queue, storage, audit (the append-only trail)
 *   0 leaves        env, log, crypto, money, countries, csv, time-zone, i18n, rate-limit, geo, net, vat
 *                   (rates, VAT in inclusive prices, buyer-country evidence), fx (approximate prices),
 *                   color
 *
 * `payments` is an adapter (provider interface, Stripe client, Connect, signature checks): it
 * knows nothing of orders; the webhook under lib/orders/payment-events wires the two.
 * `db/` sits below every layer and never imports `lib/` (db/seed*.ts, scripts that build the
 * demo through the domain functions, are the exception). A new lib folder must be added to a
 * layer below, or the `lib-folder-in-a-layer` rule fails.
 *
 * Public faces: a lib folder imports another through its index.ts (rule through-the-index, whose
 * comment lists the few deep imports allowed and why: each keeps 'server-only', next/headers or a
 * heavy module out of a tsx script, the proxy or a client bundle). `app/`, `components/` and
 * `tests/` may import any lib file: a client component must often reach past an index to stay
 * small.
 */
const LAYERS = [
  [
    "env",
    "log",
    "crypto",
    "money",
    "countries",
    "csv",
    "time-zone",
    "i18n",
    "rate-limit",
    "geo",
    "net",
    "color",
    "vat",
    "fx",
  ],
  ["audio", "http", "images", "payments", "queue", "storage", "audit"],
  [
    "artists",
    "auth",
    "catalog",
    "codes",
    "discounts",
    "email",
    "fans",
    "merch",
    "plays",
    "plans",
    "moderation",
    "documents",
    "credit",
  ],
  ["orders", "billing", "sponsors", "follows", "news", "fan-subscriptions"],
  [
    "downloads",
    "embed",
    "stats",
    "jobs",
    "library",
    "stream",
    "seo",
    "page-cache",
    "admin",
    "release-day",
    "collection",
  ],
  ["cli"],
];

/** `lib/<name>/…` or the single-file folder `lib/<name>.ts`. */
const folders = (names) => `^lib/(${names.join("|")})(/|\\.ts$)`;

const upLayerRules = LAYERS.slice(0, -1).map((layer, i) => ({
  name: `no-up-layer-from-${layer[0]}`,
  comment: `Layer ${i} (${layer.join(", ")}) must not import a higher layer (${LAYERS.slice(i + 1)
    .flat()
    .join(", ")}).`,
  severity: "error",
  from: { path: folders(layer) },
  to: { path: folders(LAYERS.slice(i + 1).flat()) },
}));

module.exports = {
  forbidden: [
    {
      name: "no-circular",
      comment: "No import cycle, between files or (through them) between folders.",
      severity: "error",
      from: {},
      to: { circular: true },
    },
    ...upLayerRules,
    {
      name: "lib-folder-in-a-layer",
      comment: "Every lib folder belongs to a layer: add a new one to LAYERS in .dependency-cruiser.cjs.",
      severity: "error",
      from: { path: "^lib/", pathNot: folders(LAYERS.flat()) },
      to: {},
    },
    {
      name: "tsx-entry-points-stay-outside-next",
      comment:
        "Scripts run by tsx (npm start's server, npm run worker, migrate, the seeds, the test runner and benchmarks) " +
        "run outside Next, where 'server-only' and next/headers throw on import: import the module you need " +
        "(lib/orders/cancel, lib/http/range), not an index that reaches them (lib/orders, lib/http).",
      severity: "error",
      from: { path: "^(lib/cli/[^/]+|db/seed[^/]*|tests/support/run-all|tests/bench/[^/]+)\\.ts$" },
      to: { path: "node_modules/(server-only/|next/headers\\.js)", reachable: true },
    },
    {
      name: "through-the-index",
      comment:
        "Another lib folder is imported through its index.ts. The allowed deep imports, each for a reason: " +
        "lib/auth's accounts, sessions, tokens and operators (its index builds the Auth.js config and opens the db singleton, " +
        "which tsx scripts such as the seeds cannot load); lib/i18n/config and its messages (read by the proxy and " +
        "by modules client components reach, without next-intl's server side); lib/images/limits (read by " +
        "next.config.ts and the body limit without sharp); lib/http/range, security and shared-render, lib/artists/slug, lib/orders/cancel and gift-delivery, " +
        "lib/email/queue (the Node fast path and page cache of npm start and npm run worker run under tsx, where the " +
        "indexes' next/headers and 'server-only' throw); lib/plays/classify and reload (the listen-counting rules and the reload after an expired address, which the browser players share).",
      severity: "error",
      from: { path: "^lib/([^/]+)/" },
      to: {
        path: "^lib/[^/]+/.",
        pathNot: [
          "^lib/$1/",
          "^lib/[^/]+/index\\.ts$",
          "^lib/auth/(accounts|sessions|tokens|operators)\\.ts$",
          "^lib/i18n/(config\\.ts|messages/)",
          "^lib/images/limits\\.ts$",
          "^lib/http/(range|security|shared-render)\\.ts$",
          "^lib/artists/slug\\.ts$",
          "^lib/orders/(cancel|gift-delivery)\\.ts$",
          "^lib/email/queue\\.ts$",
          "^lib/plays/(classify|reload)\\.ts$",
        ],
      },
    },
    {
      name: "lib-not-app",
      comment: "lib/ never imports app/ or components/: routes and UI sit on top of the domain.",
      severity: "error",
      from: { path: "^lib/" },
      to: { path: "^(app|components)/" },
    },
    {
      name: "db-not-lib",
      comment:
        "db/ (schema, client, queries) sits below lib/; only the demo seeds drive the domain. The one pool (db/pool.ts) reads DATABASE_URL through lib/env, a leaf like the settings it parses.",
      severity: "error",
      from: { path: "^db/", pathNot: "^db/seed" },
      to: { path: "^lib/", pathNot: "^lib/(env\\.ts|net/)" },
    },
    {
      name: "no-test-code-in-app",
      comment: "Nothing outside tests/ imports tests/.",
      severity: "error",
      from: { pathNot: "^tests/|^playwright\\.config\\.ts$|^vitest\\.config\\.ts$" },
      to: { path: "^tests/" },
    },
    {
      name: "not-to-unresolvable",
      comment: "Every import resolves (a moved file leaves no dangling import behind).",
      severity: "error",
      from: {},
      to: { couldNotResolve: true },
    },
  ],
  options: {
    doNotFollow: { path: "node_modules" },
    exclude: { path: "^(\\.next|\\.data|tests/\\.artifacts)" },
    tsPreCompilationDeps: true,
    tsConfig: { fileName: "tsconfig.json" },
    enhancedResolveOptions: {
      exportsFields: ["exports"],
      conditionNames: ["import", "require", "node", "default", "types"],
      extensions: [".ts", ".tsx", ".js", ".mjs", ".cjs", ".json", ".d.ts"],
    },
    skipAnalysisNotInRules: true,
  },
};
