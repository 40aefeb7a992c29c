import { describe, expect, it } from "vitest";
import { DEFAULT_ACCENT, feeAmount, shopLook } from "@/lib/plans";

describe("the platform fee", () => {
  it("rounds half up to the minor unit, and keeps fractional rates exact", () => {
    expect(feeAmount(700, 1000)).toBe(70);
    expect(feeAmount(705, 1000)).toBe(71); // 70.5 → 71
    expect(feeAmount(1000, 750)).toBe(75); // 7.5 %
    expect(feeAmount(1299, 0)).toBe(0);
    expect(feeAmount(0, 1000)).toBe(0);
  });
});

describe("a shop's look", () => {
  const band = { accentColor: "#0055aa", bannerLayout: "tall" as const };
  it("is the band's own on Pro", () => {
    expect(shopLook({ ...band, plan: "pro" })).toEqual({ accentColor: "#0055aa", bannerLayout: "tall" });
  });
  it("is the house look on Free, whatever the band saved", () => {
    expect(shopLook({ ...band, plan: "free" })).toEqual({ accentColor: DEFAULT_ACCENT, bannerLayout: "standard" });
  });
});
