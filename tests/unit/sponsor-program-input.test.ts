import { describe, expect, it } from "vitest";
import { readSponsorInvite, signSponsorInvite } from "@/lib/sponsors/invite-token";
import { parseProgramInput } from "@/lib/sponsors/program-input";

const now = new Date("2026-12-03T12:00:00Z");

describe("a sponsor's program form", () => {
  it("reads ten cards of 10 € with rules: downloads only, two countries, an end date", () => {
    expect(
      parseProgramInput(
        {
          kind: "cards",
          currency: "EUR",
          count: "10",
          amount: "10",
          digitalOnly: "on",
          countries: "be; fr fr",
          endsAt: "2027-06-30",
        },
        now,
      ),
    ).toEqual({
      ok: true,
      input: {
        kind: "cards",
        label: "",
        currency: "EUR",
        cardCount: 10,
        cardAmount: 1000,
        rules: { digitalOnly: true, countries: ["BE", "FR"] },
        endsAt: new Date("2027-06-30T23:59:59Z"),
      },
    });
  });

  it("reads a matching pool larger than any one price, in yen too", () => {
    const pool = parseProgramInput({ kind: "match", currency: "EUR", pool: "50 000", cap: "25", codes: "200" }, now);
    expect(pool).toMatchObject({
      ok: true,
      input: { poolAmount: 5_000_000, perFanCap: 2500, codeCount: 200, rules: {} },
    });
    const yen = parseProgramInput({ kind: "match", currency: "JPY", pool: "300000", cap: "3000", codes: "1" }, now);
    expect(yen).toMatchObject({ ok: true, input: { poolAmount: 300_000, perFanCap: 3000 } });
  });

  it("names every bad field", () => {
    const result = parseProgramInput(
      {
        kind: "match",
        currency: "EUR",
        pool: "10",
        cap: "30",
        codes: "1001",
        countries: "XX",
        endsAt: "2026-12-01",
      },
      now,
    );
    expect(result).toEqual({
      ok: false,
      fieldErrors: {
        pool: "pool_range",
        codes: "codes_range",
        countries: "countries_invalid",
        endsAt: "ends_past",
      },
    });
    expect(parseProgramInput({ kind: "cards", currency: "EUR", count: "1.5", amount: "201" }, now)).toEqual({
      ok: false,
      fieldErrors: { count: "count_range", amount: "amount_range" },
    });
    expect(parseProgramInput({ kind: "match", currency: "EUR", pool: "100", cap: "1.999", codes: "1" }, now)).toEqual({
      ok: false,
      fieldErrors: { cap: "cap_range" },
    });
    expect(parseProgramInput({ kind: "gift", currency: "EUR" }, now)).toMatchObject({
      ok: false,
      fieldErrors: { kind: "kind_invalid" },
    });
  });
});

describe("a sponsor invitation link", () => {
  it("opens for its address until it expires, and not once tampered with", () => {
    const claims = { sponsorId: "s1", email: "new@example.test", expiresAt: now.getTime() + 1000 };
    const token = signSponsorInvite(claims);
    expect(readSponsorInvite(token, now.getTime())).toEqual(claims);
    expect(readSponsorInvite(token, now.getTime() + 1000)).toBeNull();
    const forged = signSponsorInvite({ ...claims, sponsorId: "s2" }).split(".")[0] + "." + token.split(".")[1];
    expect(readSponsorInvite(forged, now.getTime())).toBeNull();
    expect(readSponsorInvite("garbage", now.getTime())).toBeNull();
  });
});
