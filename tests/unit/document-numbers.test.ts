import { describe, expect, it } from "vitest";
import { fontRuns } from "@/lib/documents/fonts";
import { documentNumber } from "@/lib/documents/numbering";

describe("a document's printed number", () => {
  it("is the kind, the year of issue and the series' sequence on six digits", () => {
    expect(documentNumber("receipt", new Date("2026-03-01T10:00:00Z"), 42)).toBe("R-2026-000042");
    expect(documentNumber("credit_note", new Date("2027-01-01T00:00:00Z"), 3)).toBe("C-2027-000003");
    expect(documentNumber("receipt", new Date("2026-12-31T23:59:59Z"), 1_234_567)).toBe("R-2026-1234567");
  });
});

describe("the faces a PDF writes text in", () => {
  it("sends Japanese to the CJK face and Latin, Cyrillic and Polish to the other", () => {
    expect(fontRuns("東京バンド Зеркало")).toEqual([
      { cjk: true, text: "東京バンド" },
      { cjk: false, text: " Зеркало" },
    ]);
    expect(fontRuns("Łódź — ５枚")).toEqual([
      { cjk: false, text: "Łódź — " },
      { cjk: true, text: "５枚" },
    ]);
    expect(fontRuns("")).toEqual([]);
  });
});
