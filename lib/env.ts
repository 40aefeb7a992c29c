import { z } from "zod";
import { parseProxyEntry } from "@/lib/net";

/**
 * Every environment variable the app reads, parsed once. `APP_ENV=production` switches off the
 * conveniences that must never reach a real shop (dev outbox, test payments) and makes the
 * secrets they replace mandatory.
 */
const schema = z
  .object({
    APP_ENV: z.enum(["local", "production"]).default("local"),
    APP_URL: z
      .url({ message: "APP_URL must be a full URL such as https://shop.example.com" })
      .default("http://localhost:3000"),
    DATABASE_URL: z
      .string()
      .regex(/^postgres(ql)?:\/\//, "DATABASE_URL must start with postgres:// or postgresql://")
      .optional(),
    AUTH_SECRET: z
      .string()
      .min(32, "AUTH_SECRET must be at least 32 characters (try: openssl rand -base64 33)")
      .optional(),
    SMTP_URL: z
      .string()
      .regex(/^smtps?:\/\//, "SMTP_URL must look like smtp://user:pass@host:587 or smtps://…")
      .optional(),
    MAIL_FROM: z.string().default("Merchtable <no-reply@merchtable.local>"),
    STORAGE_DIR: z.string().default(".data/storage"),
    MAX_IMAGE_MB: z.coerce.number().positive().max(100).default(10),
    MAX_UPLOAD_MB: z.coerce.number().positive().max(10240).default(1024),
    STORAGE_DRIVER: z.enum(["local", "s3"]).default("local"),
    S3_BUCKET: z.string().optional(),
    S3_REGION: z.string().default("us-east-1"),
    S3_ENDPOINT: z
      .url({ message: "S3_ENDPOINT must be a full URL such as https://s3.eu-west-3.amazonaws.com" })
      .optional(),
    S3_ACCESS_KEY_ID: z.string().optional(),
    S3_SECRET_ACCESS_KEY: z.string().optional(),
    S3_FORCE_PATH_STYLE: z
      .enum(["true", "false"])
      .default("false")
      .transform((v) => v === "true"),
    /**
     * Lifetime of a signed address to a stored file (a stream's or a download's redirect): short, so
     * a shared link dies within minutes. A stream's lasts at least its track's length plus a minute.
     */
    SIGNED_URL_SECONDS: z.coerce
      .number({ message: "SIGNED_URL_SECONDS must be a number of seconds, such as 300" })
      .int()
      .min(30, "SIGNED_URL_SECONDS must be at least 30")
      .max(86_400, "SIGNED_URL_SECONDS must be at most 86400 (a day)")
      .default(300),
    /** A CDN in front of the bucket (CloudFront): its base URL, e.g. https://d111111abcdef8.cloudfront.net */
    CDN_BASE_URL: z
      .url({ message: "CDN_BASE_URL must be a full URL such as https://d111111abcdef8.cloudfront.net" })
      .optional(),
    /** The CloudFront public key's id (a trusted key group's key) that signs CDN addresses. */
    CDN_KEY_PAIR_ID: z.string().optional(),
    /** The matching RSA private key, PEM (newlines may be written as \n). */
    CDN_PRIVATE_KEY: z
      .string()
      .transform((v) => v.replace(/\\n/g, "\n"))
      .refine(
        (v) => v.includes("PRIVATE KEY-----"),
        "CDN_PRIVATE_KEY must be a PEM private key (-----BEGIN …PRIVATE KEY-----)",
      )
      .optional(),
    FFMPEG_PATH: z.string().default("ffmpeg"),
    FFPROBE_PATH: z.string().default("ffprobe"),
    WORKERS: z.enum(["inline", "off"]).default("inline"),
    WORKER_CONCURRENCY: z.coerce.number().int().min(1).max(32).default(1),
    /** Seconds a conversion or download job may run before another worker takes it over; default scales with the track (lib/queue/expiry.ts). */
    JOB_EXPIRE_SECONDS: z.coerce.number().int().min(1).max(86_400).optional(),
    STRIPE_SECRET_KEY: z
      .string()
      .regex(/^(sk|rk)_(test|live)_/, "STRIPE_SECRET_KEY must start with sk_test_, sk_live_, rk_test_ or rk_live_")
      .optional(),
    STRIPE_WEBHOOK_SECRET: z
      .string()
      .regex(/^whsec_/, "STRIPE_WEBHOOK_SECRET must start with whsec_")
      .optional(),
    /** Points the Stripe SDK at another host (a local stand-in in tests), e.g. http://127.0.0.1:12111 */
    STRIPE_API_URL: z.url({ message: "STRIPE_API_URL must be a full URL such as http://127.0.0.1:12111" }).optional(),
    STRIPE_TAX: z
      .enum(["0", "1"])
      .default("0")
      .transform((v) => v === "1"),
    PLATFORM_FEE_PERCENT: z.coerce.number().min(0).max(50).default(10),
    /** Proxies whose X-Forwarded-For / -Proto are believed: comma list of addresses and CIDR ranges. */
    TRUSTED_PROXIES: z
      .string()
      .default("")
      .transform((value) =>
        value
          .split(",")
          .map((entry) => entry.trim())
          .filter(Boolean),
      )
      .refine((entries) => entries.every((entry) => parseProxyEntry(entry) !== null), {
        message:
          "TRUSTED_PROXIES must be a comma-separated list of IP addresses or CIDR ranges, such as 10.0.0.0/8,::1",
      }),
    /** How many proxies stand in front of the app: that many nearest hops are trusted, whatever their address. */
    TRUSTED_PROXY_HOPS: z.coerce
      .number({ message: "TRUSTED_PROXY_HOPS must be a whole number of proxies, such as 1" })
      .int("TRUSTED_PROXY_HOPS must be a whole number of proxies, such as 1")
      .min(0, "TRUSTED_PROXY_HOPS must be 0 or more")
      .max(10, "TRUSTED_PROXY_HOPS must be at most 10")
      .default(0),
    /** The marketplace operator printed on receipts and credit notes (the deemed supplier of downloads). */
    PLATFORM_LEGAL_NAME: z.string().trim().min(1).max(200).default("Merchtable"),
    PLATFORM_ADDRESS: z.string().trim().max(500).optional(),
    PLATFORM_VAT_NUMBER: z.string().trim().max(40).optional(),
    /** The ECB's daily reference rates (its XML format), for fans' approximate prices; fetched once a day. */
    EXCHANGE_RATES_URL: z
      .url({
        message:
          "EXCHANGE_RATES_URL must be a full URL such as https://www.ecb.europa.eu/stats/eurofxref/eurofxref-daily.xml",
      })
      .default("https://www.ecb.europa.eu/stats/eurofxref/eurofxref-daily.xml"),
    LOG_LEVEL: z.enum(["fatal", "error", "warn", "info", "debug", "trace", "silent"]).default("info"),
    /** The shared page cache of lib/cli/server.ts (lib/page-cache): `off` sends every page to Next. */
    PAGE_CACHE: z.enum(["on", "off"], { message: "PAGE_CACHE must be on or off" }).default("on"),
    /** Memory the page cache may hold (every copy with its gzip and brotli forms), in MB. */
    PAGE_CACHE_MB: z.coerce
      .number({ message: "PAGE_CACHE_MB must be a number of megabytes, such as 256" })
      .min(1, "PAGE_CACHE_MB must be at least 1")
      .max(65_536, "PAGE_CACHE_MB must be at most 65536")
      .default(256),
  })
  .superRefine((env, ctx) => {
    if (env.STORAGE_DRIVER === "s3" && !env.S3_BUCKET) {
      ctx.addIssue({ code: "custom", path: ["S3_BUCKET"], message: "S3_BUCKET is required when STORAGE_DRIVER=s3" });
    }
    const cdn = [env.CDN_BASE_URL, env.CDN_KEY_PAIR_ID, env.CDN_PRIVATE_KEY];
    if (cdn.some(Boolean) && !cdn.every(Boolean)) {
      ctx.addIssue({
        code: "custom",
        path: ["CDN_BASE_URL"],
        message: "CDN_BASE_URL, CDN_KEY_PAIR_ID and CDN_PRIVATE_KEY go together: set all three or none",
      });
    }
    if (env.CDN_BASE_URL && env.STORAGE_DRIVER !== "s3") {
      ctx.addIssue({ code: "custom", path: ["CDN_BASE_URL"], message: "CDN_BASE_URL needs STORAGE_DRIVER=s3" });
    }
    if (env.APP_ENV !== "production") return;
    for (const key of [
      "DATABASE_URL",
      "AUTH_SECRET",
      "SMTP_URL",
      "STRIPE_SECRET_KEY",
      "STRIPE_WEBHOOK_SECRET",
    ] as const) {
      if (!env[key])
        ctx.addIssue({ code: "custom", path: [key], message: `${key} is required when APP_ENV=production` });
    }
  });

export type Env = z.infer<typeof schema>;

export function parseEnv(source: Record<string, string | undefined>): Env {
  const cleaned = Object.fromEntries(Object.entries(source).map(([k, v]) => [k, v === "" ? undefined : v]));
  const result = schema.safeParse(cleaned);
  if (!result.success) {
    const lines = result.error.issues.map((issue) => `  - ${issue.path.join(".")}: ${issue.message}`);
    throw new Error(`Invalid configuration:\n${lines.join("\n")}\nSee the Configuration section of README.md.`);
  }
  return result.data;
}

let cached: Env | undefined;
export function env(): Env {
  return (cached ??= parseEnv(process.env));
}

export const isProduction = () => env().APP_ENV === "production";

/** `next dev` (Next sets NODE_ENV and inlines it at build time; it is not one of our settings). */
export const isNextDev = () => process.env.NODE_ENV === "development";

/**
 * LOG_LEVEL alone, for the logger: it is created when first imported, before anything checks the
 * whole configuration, and must not throw there. A bad value logs at "info" until env() reports it.
 */
export function logLevel(): Env["LOG_LEVEL"] {
  const parsed = schema.shape.LOG_LEVEL.safeParse(process.env.LOG_LEVEL || undefined);
  return parsed.success ? parsed.data : "info";
}
