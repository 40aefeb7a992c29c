import { describe, expect, it } from "vitest";
import { parseCardValidity } from "@/lib/admin/settings";
import { MIN_CARD_VALIDITY_MONTHS } from "@/lib/credit/validity";

describe("the operator's card validity", () => {
  it("reads empty as never, and whole months from the legal minimum to ten years", () => {
    expect(parseCardValidity("  ")).toEqual({ ok: true, months: null });
    expect(parseCardValidity(String(MIN_CARD_VALIDITY_MONTHS))).toEqual({ ok: true, months: MIN_CARD_VALIDITY_MONTHS });
    expect(parseCardValidity(" 36 ")).toEqual({ ok: true, months: 36 });
    expect(parseCardValidity("120")).toEqual({ ok: true, months: 120 });
  });

  it("refuses less than the legal minimum with its own reason, and anything not a whole number of months", () => {
    expect(parseCardValidity(String(MIN_CARD_VALIDITY_MONTHS - 1))).toEqual({
      ok: false,
      error: "card_validity_short",
    });
    expect(parseCardValidity("0")).toEqual({ ok: false, error: "card_validity_short" });
    for (const text of ["12.5", "-24", "two years", "121", "99999"])
      expect(parseCardValidity(text)).toEqual({ ok: false, error: "card_validity_invalid" });
  });
});
