/**
 * The house rules of `lib`, checked by `npm run deps` and by the static suite of `npm test`
 * (dependency-cruiser reads tsconfig.json, so `@/` imports resolve like TypeScript's).
 *
 * Layers, from the leaves up. A folder may import its own layer or any layer below it, never
 * one above; within a layer, the no-circular rule keeps the imports one-way.
 *
 *   5 entry points  cli
 *   4 features      downloads, embed, stats, jobs, library, stream
 *   3 orders        orders (cart, checkout, fulfilment, download grants, code redemption,
 *                   payment-events/: the Stripe webhook and the handlers that change orders)
 *   2 domain        artists, auth, catalog, codes, discounts, email, fans, merch, plays
 *   1 adapters      audio, http, images, payments, queue, storage
 *   0 leaves        env, log, crypto, money, countries, csv, time-zone, i18n, rate-limit, geo, net
 *
 * `payments` is an adapter (provider interface, Stripe client, Connect, signature checks): it
 * knows nothing of orders; the webhook under lib/orders/payment-events wires the two.
 * `db/` sits below every layer and never imports `lib/` (db/seed*.ts, scripts that build the
 * demo through the domain functions, are the exception). A new lib folder must be added to a
 * layer below, or the `lib-folder-in-a-layer` rule fails.
 *
 * Public faces: a folder's index.ts is what other folders should import. Deep imports into
 * another folder are still allowed where the index would drag server code into a client bundle
 * or a heavy module into a light one (e.g. `@/lib/auth/tokens` rather than `@/lib/auth`, whose
 * index builds the Auth.js config; `@/lib/i18n/config` from client components); `app/`,
 * `components/` and `tests/` may import any lib file.
 */
const LAYERS = [
  ["env", "log", "crypto", "money", "countries", "csv", "time-zone", "i18n", "rate-limit", "geo", "net"],
  ["audio", "http", "images", "payments", "queue", "storage"],
  ["artists", "auth", "catalog", "codes", "discounts", "email", "fans", "merch", "plays"],
  ["orders"],
  ["downloads", "embed", "stats", "jobs", "library", "stream"],
  ["cli"],
];

/** `lib/<name>/…` or the single-file folder `lib/<name>.ts`. */
const folders = (names) => `^lib/(${names.join("|")})(/|\\.ts$)`;

const upLayerRules = LAYERS.slice(0, -1).map((layer, i) => ({
  name: `no-up-layer-from-${layer[0]}`,
  comment: `Layer ${i} (${layer.join(", ")}) must not import a higher layer (${LAYERS.slice(i + 1).flat().join(", ")}).`,
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
      name: "lib-not-app",
      comment: "lib/ never imports app/ or components/: routes and UI sit on top of the domain.",
      severity: "error",
      from: { path: "^lib/" },
      to: { path: "^(app|components)/" },
    },
    {
      name: "db-not-lib",
      comment: "db/ (schema, client, queries) sits below lib/; only the demo seeds drive the domain.",
      severity: "error",
      from: { path: "^db/", pathNot: "^db/seed" },
      to: { path: "^lib/" },
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
    exclude: { path: "^(node_modules|\\.next|\\.data|tests/\\.artifacts)" },
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
