import { describe, expect, it, vi } from "vitest";
import { reloadAfterError, STALL_RELOAD_AFTER_MS, watchStalls } from "@/lib/plays/reload";

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

describe("the stall watchdog", () => {
  it("fires when a seek or a wait has not ended after 8 s, and not when data arrives in time", () => {
    vi.useFakeTimers();
    try {
      const audio = new EventTarget() as unknown as HTMLMediaElement;
      const onStall = vi.fn();
      const unwatch = watchStalls(audio, onStall);
      audio.dispatchEvent(new Event("seeking"));
      vi.advanceTimersByTime(7_000);
      audio.dispatchEvent(new Event("seeked"));
      vi.advanceTimersByTime(5_000);
      expect(onStall).not.toHaveBeenCalled();
      audio.dispatchEvent(new Event("waiting"));
      vi.advanceTimersByTime(STALL_RELOAD_AFTER_MS);
      expect(onStall).toHaveBeenCalledTimes(1);
      unwatch();
      audio.dispatchEvent(new Event("waiting"));
      vi.advanceTimersByTime(STALL_RELOAD_AFTER_MS * 2);
      expect(onStall).toHaveBeenCalledTimes(1);
    } finally {
      vi.useRealTimers();
    }
  });
});
