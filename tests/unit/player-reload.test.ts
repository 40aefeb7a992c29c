import { describe, expect, it } from "vitest";
import { reloadAfterError } from "@/lib/plays/reload";

describe("reloading a track after a media error (an expired signed address)", () => {
  it("reloads once per track per minute, never after an abort", () => {
    const first = reloadAfterError(null, "t1", 2, 1_000);
    expect(first).toEqual({ trackId: "t1", at: 1_000 });
    expect(reloadAfterError(first || null, "t1", 2, 30_000)).toBe(false);
    expect(reloadAfterError(first || null, "t2", 4, 30_000)).toEqual({ trackId: "t2", at: 30_000 });
    expect(reloadAfterError(first || null, "t1", 2, 61_000)).toEqual({ trackId: "t1", at: 61_000 });
    expect(reloadAfterError(null, "t1", 1, 1_000)).toBe(false);
  });
});
