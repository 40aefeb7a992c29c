/**
 * Where the listener was in each track, and which track they had on, kept in sessionStorage so
 * browsing the shop and coming back resumes where they left off (for this tab only). Storage can
 * be unavailable (private modes, quotas): the player then simply starts at 0.
 */
const PREFIX = "merchtable:player:";

function store(): Storage | null {
  try {
    return typeof window === "undefined" ? null : window.sessionStorage;
  } catch {
    return null;
  }
}

export const positionMemory = {
  position(trackId: string): number {
    const value = Number(store()?.getItem(`${PREFIX}pos:${trackId}`));
    return Number.isFinite(value) && value > 0 ? value : 0;
  },
  savePosition(trackId: string, seconds: number) {
    try {
      if (seconds > 0) store()?.setItem(`${PREFIX}pos:${trackId}`, seconds.toFixed(1));
      else store()?.removeItem(`${PREFIX}pos:${trackId}`);
    } catch {
      // Quota exceeded: remembering the position is a nicety, playing goes on.
    }
  },
  currentTrack(listId: string): string | null {
    return store()?.getItem(`${PREFIX}current:${listId}`) ?? null;
  },
  saveCurrentTrack(listId: string, trackId: string) {
    try {
      store()?.setItem(`${PREFIX}current:${listId}`, trackId);
    } catch {
      // As above.
    }
  },
};
