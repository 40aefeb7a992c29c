"use client";

import { useEffect, useState } from "react";

type Labels = { add: string; remove: string; failed: string };
type State = { signedIn: boolean; saved: boolean } | null;

const HEART =
  "M12 21s-7.5-4.6-9.5-9.2C1.1 8.6 3 5 6.5 5c2 0 3.4 1.1 4.2 2.3h2.6C14.1 6.1 15.5 5 17.5 5 21 5 22.9 8.6 21.5 11.8 19.5 16.4 12 21 12 21z";

function Icon({ filled }: { filled: boolean }) {
  return (
    <svg viewBox="0 0 24 24" aria-hidden="true" className="size-5" fill={filled ? "currentColor" : "none"}>
      <path d={HEART} stroke="currentColor" strokeWidth="2" strokeLinejoin="round" />
    </svg>
  );
}

const base =
  "inline-flex items-center gap-2 rounded-md border border-stone-300 bg-surface px-3 py-1.5 text-sm font-medium hover:bg-stone-50";

/**
 * The release page's heart. The page is one cached copy for everyone, so whether this fan has
 * hearted it comes from /api/wishlist in the browser. Until then (and without a library session,
 * or without JavaScript) it is a link to /library/wishlist/<id>, which signs the fan in by e-mail.
 */
export function WishlistHeart({ releaseId, labels }: { releaseId: string; labels: Labels }) {
  const [state, setState] = useState<State>(null);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState(false);
  useEffect(() => {
    let live = true;
    fetch(`/api/wishlist?release=${encodeURIComponent(releaseId)}`, { credentials: "same-origin", cache: "no-store" })
      .then((response) => (response.ok ? (response.json() as Promise<State>) : null))
      .then((value) => live && setState(value))
      .catch(() => undefined);
    return () => {
      live = false;
    };
  }, [releaseId]);

  if (!state?.signedIn) {
    return (
      <a href={`/library/wishlist/${releaseId}`} className={base} data-testid="wishlist-heart">
        <Icon filled={false} />
        {labels.add}
      </a>
    );
  }
  const toggle = async () => {
    setBusy(true);
    setError(false);
    try {
      const response = await fetch("/api/wishlist", {
        method: "POST",
        credentials: "same-origin",
        headers: { "Content-Type": "application/json" },
        body: JSON.stringify({ releaseId, saved: !state.saved }),
      });
      if (!response.ok) throw new Error(String(response.status));
      setState((await response.json()) as State);
    } catch {
      setError(true);
    } finally {
      setBusy(false);
    }
  };
  return (
    <div>
      <button
        type="button"
        className={`${base} ${state.saved ? "text-accent" : ""}`}
        aria-pressed={state.saved}
        disabled={busy}
        onClick={toggle}
        data-testid="wishlist-heart"
      >
        <Icon filled={state.saved} />
        {state.saved ? labels.remove : labels.add}
      </button>
      {error && (
        <p role="alert" className="mt-2 text-sm text-red-700">
          {labels.failed}
        </p>
      )}
    </div>
  );
}
