import { describe, expect, it } from "vitest";
import { logLevel, parseEnv } from "@/lib/env";

describe("configuration", () => {
  it("runs locally with nothing set", () => {
    const env = parseEnv({});
    expect(env.APP_ENV).toBe("local");
    expect(env.APP_URL).toBe("http://localhost:3000");
    expect(env.MAX_IMAGE_MB).toBe(10);
  });

  it("says which variable is wrong and why", () => {
    expect(() => parseEnv({ DATABASE_URL: "mysql://x" })).toThrow(/DATABASE_URL must start with postgres:\/\//);
    expect(() => parseEnv({ AUTH_SECRET: "short" })).toThrow(/AUTH_SECRET must be at least 32 characters/);
    expect(() => parseEnv({ APP_URL: "localhost" })).toThrow(/APP_URL/);
  });

  it("refuses to run in production without a database, a secret, SMTP and Stripe (no test payments there)", () => {
    expect(() => parseEnv({ APP_ENV: "production" })).toThrow(
      /DATABASE_URL is required[\s\S]*AUTH_SECRET is required[\s\S]*SMTP_URL is required[\s\S]*STRIPE_SECRET_KEY is required[\s\S]*STRIPE_WEBHOOK_SECRET is required/,
    );
    const production = {
      APP_ENV: "production",
      DATABASE_URL: "postgres://db/x",
      AUTH_SECRET: "x".repeat(32),
      SMTP_URL: "smtp://mail:587",
      STRIPE_SECRET_KEY: "sk_live_abc",
      STRIPE_WEBHOOK_SECRET: "whsec_abc",
    };
    expect(parseEnv(production).APP_ENV).toBe("production");
  });

  it("checks the Stripe settings' shapes and the platform fee", () => {
    expect(() => parseEnv({ STRIPE_SECRET_KEY: "pk_test_abc" })).toThrow(/STRIPE_SECRET_KEY must start with sk_test_/);
    expect(() => parseEnv({ PLATFORM_FEE_PERCENT: "-1" })).toThrow(/PLATFORM_FEE_PERCENT/);
    expect(parseEnv({}).PLATFORM_FEE_PERCENT).toBe(10);
    expect(parseEnv({ STRIPE_TAX: "1" }).STRIPE_TAX).toBe(true);
  });

  it("treats empty variables as unset", () => {
    expect(parseEnv({ SMTP_URL: "" }).SMTP_URL).toBeUndefined();
  });

  it("gives the logger its level without stopping on a bad one (env() reports that)", () => {
    const before = process.env.LOG_LEVEL;
    try {
      process.env.LOG_LEVEL = "warn";
      expect(logLevel()).toBe("warn");
      process.env.LOG_LEVEL = "loud";
      expect(logLevel()).toBe("info");
      process.env.LOG_LEVEL = "";
      expect(logLevel()).toBe("info");
    } finally {
      if (before === undefined) delete process.env.LOG_LEVEL;
      else process.env.LOG_LEVEL = before;
    }
  });
});
