import { describe, expect, it } from "vitest";
import { hit, peek, reset } from "@/lib/rate-limit";
import { unique, useTestDb } from "@/tests/support/factories";

const db = useTestDb();
const limit = { max: 3, windowSeconds: 60 };

describe("rate limits", () => {
  it("allow up to the limit in a window, then say when to come back", async () => {
    const key = unique("rl");
    const t0 = new Date("2026-01-01T10:00:00Z");
    expect(await hit(db, key, limit, t0)).toEqual({ allowed: true, remaining: 2 });
    await hit(db, key, limit, t0);
    expect(await hit(db, key, limit, t0)).toEqual({ allowed: true, remaining: 0 });
    expect(await peek(db, key, limit, t0)).toEqual({ allowed: false, retryAfterSeconds: 60 });
    expect(await hit(db, key, limit, new Date(t0.getTime() + 20_000))).toEqual({
      allowed: false,
      retryAfterSeconds: 40,
    });
  });

  it("start afresh when the window has passed, or when reset", async () => {
    const key = unique("rl");
    const t0 = new Date("2026-01-01T10:00:00Z");
    for (let i = 0; i < 4; i++) await hit(db, key, limit, t0);
    expect(await hit(db, key, limit, new Date(t0.getTime() + 61_000))).toEqual({ allowed: true, remaining: 2 });
    await reset(db, key);
    expect(await peek(db, key, limit)).toEqual({ allowed: true, remaining: 3 });
  });

  it("count every one of many simultaneous attempts", async () => {
    const key = unique("rl");
    const results = await Promise.all(Array.from({ length: 40 }, () => hit(db, key, { max: 10, windowSeconds: 60 })));
    expect(results.filter((r) => r.allowed)).toHaveLength(10);
  });
});
