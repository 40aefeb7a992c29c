import { eq } from "drizzle-orm";
import { describe, expect, it, vi } from "vitest";
import { users } from "@/db/schema";
import { authenticate, createPasswordReset, registerUser, resetPassword, signInLimits } from "@/lib/auth/accounts";
import { hashPassword, verifyPassword } from "@/lib/auth/password";
import { unique, useTestDb } from "@/tests/support/factories";

// Counts the argon2 verifications the sign-in limits let through (the real check still runs).
const verified = vi.hoisted(() => ({ count: 0 }));
vi.mock("@/lib/auth/password", async (importOriginal) => {
  const real = await importOriginal<typeof import("@/lib/auth/password")>();
  return {
    ...real,
    verifyPassword: async (hash: string, password: string) => {
      verified.count++;
      return real.verifyPassword(hash, password);
    },
  };
});

const db = useTestDb();
const newEmail = () => `${unique("user")}@example.test`;

describe("passwords", () => {
  it("are stored as argon2id hashes, never in clear", async () => {
    const email = newEmail();
    const result = await registerUser(db, { name: "Ada", email, password: "correct horse battery" });
    expect(result.ok).toBe(true);
    const [row] = await db.select().from(users).where(eq(users.email, email));
    expect(row.passwordHash).toMatch(/^\$argon2id\$v=19\$m=19456,t=2,p=1\$/);
    expect(row.passwordHash).not.toContain("correct horse");
    expect(await verifyPassword(row.passwordHash!, "correct horse battery")).toBe(true);
    expect(await verifyPassword(row.passwordHash!, "Correct horse battery")).toBe(false);
  });

  it("differ for the same password (salted)", async () => {
    expect(await hashPassword("same")).not.toBe(await hashPassword("same"));
  });
});

describe("sign-up", () => {
  it("refuses an email that already has an account, whatever its case", async () => {
    const email = newEmail();
    await registerUser(db, { name: "A", email, password: "password-1" });
    expect(await registerUser(db, { name: "B", email: email.toUpperCase(), password: "password-2" })).toEqual({
      ok: false,
      error: "email_taken",
    });
  });
});

describe("sign-in", () => {
  it("accepts the right password and refuses a wrong one or an unknown account", async () => {
    const email = newEmail();
    await registerUser(db, { name: "A", email, password: "right-password" });
    expect((await authenticate(db, email.toUpperCase(), "right-password", unique("ip"))).ok).toBe(true);
    expect(await authenticate(db, email, "wrong-password", unique("ip"))).toEqual({ ok: false, reason: "invalid" });
    expect(await authenticate(db, newEmail(), "whatever", unique("ip"))).toEqual({ ok: false, reason: "invalid" });
  });

  it("locks an account after repeated failures, even against the right password", async () => {
    const email = newEmail();
    await registerUser(db, { name: "A", email, password: "right-password" });
    for (let i = 0; i < signInLimits.perAccount.max; i++) {
      expect((await authenticate(db, email, `guess-${i}`, unique("ip"))).ok).toBe(false);
    }
    const blocked = await authenticate(db, email, "right-password", unique("ip"));
    expect(blocked).toMatchObject({ ok: false, reason: "rate_limited" });
    if (!blocked.ok && blocked.reason === "rate_limited") expect(blocked.retryAfterSeconds).toBeGreaterThan(60);
  });

  it("runs at most five password checks for 40 simultaneous wrong passwords on one account", async () => {
    const email = newEmail();
    await registerUser(db, { name: "A", email, password: "right-password" });
    verified.count = 0;
    const results = await Promise.all(
      Array.from({ length: 40 }, (_, i) => authenticate(db, email, `guess-${i}`, unique("ip"))),
    );
    expect(verified.count).toBeLessThanOrEqual(signInLimits.perAccount.max);
    expect(results.filter((r) => !r.ok && r.reason === "invalid").length).toBeLessThanOrEqual(
      signInLimits.perAccount.max,
    );
    expect(results.filter((r) => !r.ok && r.reason === "rate_limited").length).toBeGreaterThanOrEqual(
      40 - signInLimits.perAccount.max,
    );
    expect(await authenticate(db, email, "right-password", unique("ip"))).toMatchObject({
      ok: false,
      reason: "rate_limited",
    });
  });

  it("does not count right passwords against the address (a shared office signs in all day)", async () => {
    const ip = unique("ip");
    const email = newEmail();
    await registerUser(db, { name: "A", email, password: "right-password" });
    for (let i = 0; i < signInLimits.perIp.max + 2; i++)
      expect((await authenticate(db, email, "right-password", ip)).ok).toBe(true);
  });

  it("blocks an address that guesses across many accounts", async () => {
    const ip = unique("ip");
    for (let i = 0; i < signInLimits.perIp.max; i++) await authenticate(db, newEmail(), "guess", ip);
    const email = newEmail();
    await registerUser(db, { name: "A", email, password: "right-password" });
    expect(await authenticate(db, email, "right-password", ip)).toMatchObject({ ok: false, reason: "rate_limited" });
    expect((await authenticate(db, email, "right-password", unique("ip"))).ok).toBe(true);
  });
});

describe("password reset", () => {
  it("sets a new password once per link", async () => {
    const email = newEmail();
    await registerUser(db, { name: "A", email, password: "old-password" });
    const reset = await createPasswordReset(db, email);
    expect(reset).not.toBeNull();
    expect(await resetPassword(db, reset!.token, "new-password")).toMatchObject({ ok: true });
    expect((await authenticate(db, email, "new-password", unique("ip"))).ok).toBe(true);
    expect((await authenticate(db, email, "old-password", unique("ip"))).ok).toBe(false);
    expect(await resetPassword(db, reset!.token, "another-one")).toEqual({ ok: false, error: "invalid_or_expired" });
  });

  it("gives nothing away for unknown emails and refuses forged tokens", async () => {
    expect(await createPasswordReset(db, newEmail())).toBeNull();
    expect(await resetPassword(db, "forged-token", "new-password")).toEqual({ ok: false, error: "invalid_or_expired" });
  });
});
