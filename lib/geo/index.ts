import { createHash } from "node:crypto";
import { mkdirSync, readdirSync, symlinkSync } from "node:fs";
import { createRequire } from "node:module";
import { isIP } from "node:net";
import { tmpdir } from "node:os";
import path from "node:path";
import { logger } from "@/lib/log";

type GeoIp = typeof import("geoip-lite");

let loading: Promise<GeoIp | null> | null = null;

/**
 * geoip-lite reads its whole database into memory when first required, and prefers the city
 * files (about 110 MB) when they are present. Only countries are asked here, so it is pointed at
 * a folder holding links to its two country files (about 6 MB). The data ships inside the npm
 * package: nothing is downloaded at install or run time.
 */
function countryOnlyDataDir(): string | undefined {
  try {
    const dataDir = path.join(
      path.dirname(createRequire(path.join(process.cwd(), "package.json")).resolve("geoip-lite/package.json")),
      "data",
    );
    // One folder per installed copy, so two checkouts on one machine never share links.
    const dir = path.join(
      tmpdir(),
      `merchtable-geoip-${createHash("sha256").update(dataDir).digest("hex").slice(0, 12)}`,
    );
    mkdirSync(dir, { recursive: true });
    const present = new Set(readdirSync(dir));
    for (const file of ["geoip-country.dat", "geoip-country6.dat"]) {
      if (!present.has(file)) symlinkSync(path.join(dataDir, file), path.join(dir, file));
    }
    return dir;
  } catch (error) {
    logger.warn({ err: error }, "could not set up the country-only IP database; geoip-lite loads its full data");
    return undefined;
  }
}

function geoip(): Promise<GeoIp | null> {
  loading ??= (async () => {
    const dir = countryOnlyDataDir();
    if (dir) (globalThis as { geodatadir?: string }).geodatadir = dir;
    try {
      const loaded = await import("geoip-lite");
      return (loaded as { default?: GeoIp }).default ?? loaded;
    } catch (error) {
      logger.error({ err: error }, "the IP-to-country database could not be loaded; buyers' countries stay unknown");
      return null;
    }
  })();
  return loading;
}

/** The ISO country of a public IPv4/IPv6 address; null for private, loopback, unknown or malformed ones. */
export async function countryOfIp(ip: string | null | undefined): Promise<string | null> {
  const address = ip?.trim().replace(/^\[|\]$/g, "") ?? "";
  if (!isIP(address)) return null;
  const country = (await geoip())?.lookup(address)?.country ?? null;
  return country && /^[A-Z]{2}$/.test(country) ? country : null;
}
