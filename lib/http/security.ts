import { env, type Env } from "@/lib/env";

/**
 * Security headers and the cross-site write check, kept free of Next so they can be unit tested.
 * Embeds (/embed/*) are the only pages any site may frame.
 */
export function isEmbedPath(pathname: string) {
  return pathname === "/embed" || pathname.startsWith("/embed/");
}

/**
 * Where audio may come from besides this origin: with object storage the stream route answers a
 * redirect to a signed URL of the bucket, or of the CDN in front of it, and a page's media-src
 * governs the redirect's target too. Nothing more with local storage.
 */
export function storageMediaOrigins(
  config: Pick<
    Env,
    "STORAGE_DRIVER" | "S3_BUCKET" | "S3_REGION" | "S3_ENDPOINT" | "S3_FORCE_PATH_STYLE" | "CDN_BASE_URL"
  > = env(),
): string[] {
  if (config.STORAGE_DRIVER !== "s3" || !config.S3_BUCKET) return [];
  if (config.CDN_BASE_URL) return [new URL(config.CDN_BASE_URL).origin];
  if (config.S3_ENDPOINT) {
    const endpoint = new URL(config.S3_ENDPOINT);
    return [
      config.S3_FORCE_PATH_STYLE ? endpoint.origin : `${endpoint.protocol}//${config.S3_BUCKET}.${endpoint.host}`,
    ];
  }
  // AWS: virtual-hosted addresses, path-style for bucket names the SDK cannot put in a host name.
  return [
    `https://${config.S3_BUCKET}.s3.${config.S3_REGION}.amazonaws.com`,
    `https://s3.${config.S3_REGION}.amazonaws.com`,
  ];
}

/** The policy every page shares; only where scripts may come from differs (`scriptSources`). */
function policy(scriptSources: string, options: { embed: boolean; dev: boolean }) {
  return [
    "default-src 'self'",
    `script-src ${scriptSources}${options.dev ? " 'unsafe-eval'" : ""}`,
    "style-src 'self' 'unsafe-inline'",
    "img-src 'self' data: blob:",
    ["media-src 'self' blob:", ...storageMediaOrigins()].join(" "),
    "font-src 'self'",
    `connect-src 'self'${options.dev ? " ws:" : ""}`,
    "object-src 'none'",
    "base-uri 'self'",
    // Checkout forms end on Stripe's payment page (a redirect after the POST counts here too).
    "form-action 'self' https://checkout.stripe.com",
    `frame-ancestors ${options.embed ? "*" : "'none'"}`,
  ].join("; ");
}

/** A page rendered for one request: only scripts carrying its nonce (and what they load) run. */
export function contentSecurityPolicy(nonce: string, options: { embed: boolean; dev: boolean }) {
  return policy(`'self' 'nonce-${nonce}' 'strict-dynamic'`, options);
}

/**
 * A shared cached page (lib/page-cache) cannot carry a nonce: scripts from this origin run, and
 * inline scripts only when their SHA-256 (`'sha256-<base64>'`) is listed, so nothing injected does.
 */
export function hashedContentSecurityPolicy(scriptHashes: readonly string[], options: { embed: boolean }) {
  return policy(["'self'", ...scriptHashes.map((hash) => `'sha256-${hash}'`)].join(" "), { ...options, dev: false });
}

export const baselineHeaders: Record<string, string> = {
  "Referrer-Policy": "strict-origin-when-cross-origin",
  "X-Content-Type-Options": "nosniff",
  "Permissions-Policy": "camera=(), microphone=(), geolocation=(), interest-cohort=()",
};

/**
 * Pages whose address is a secret (download, library and follow links, the checkout's return
 * page): they send no Referer at all, so the token never reaches another site's logs.
 */
export function referrerPolicyFor(pathname: string) {
  return /^\/(download|library)(\/|$)|^\/checkout\//.test(pathname)
    ? "no-referrer"
    : baselineHeaders["Referrer-Policy"];
}

const SAFE_METHODS = new Set(["GET", "HEAD", "OPTIONS"]);

/**
 * Callers whose request carries its own proof instead: payment webhooks (signed) and RFC 8058
 * one-click unsubscribes (a signed token in the URL; some mail clients post from their own
 * origin). The proxy sees the unsubscribe twice: as posted, then as rewritten to its route.
 */
const CROSS_SITE_WRITE_PATHS = [
  "/api/stripe/webhook",
  "/library/unsubscribe/",
  "/api/unsubscribe/",
  "/follows/unsubscribe/",
  "/api/follows/unsubscribe/",
];

export type WriteCheck = { allowed: true } | { allowed: false; reason: "null_origin" | "foreign_origin" };

/**
 * Browsers send Origin on every cross-site write; a write whose Origin is `null` (sandboxed
 * frames, file://) or another site is refused. Requests without Origin come from non-browser
 * clients, which carry no ambient cookies worth forging.
 */
export function checkWriteOrigin(
  method: string,
  pathname: string,
  origin: string | null,
  host: string | null,
): WriteCheck {
  if (SAFE_METHODS.has(method.toUpperCase())) return { allowed: true };
  if (CROSS_SITE_WRITE_PATHS.some((p) => pathname.startsWith(p))) return { allowed: true };
  if (origin === null) return { allowed: true };
  if (origin === "null") return { allowed: false, reason: "null_origin" };
  try {
    if (host && new URL(origin).host === host) return { allowed: true };
  } catch {
    // An Origin that is not a URL is as foreign as it gets.
  }
  return { allowed: false, reason: "foreign_origin" };
}
