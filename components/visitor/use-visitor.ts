"use client";

import { useEffect, useState } from "react";

export type Visitor = { signedIn: boolean; email: string | null; cartCount: number; member: boolean };

/** One request per page and band, however many islands ask. */
const requests = new Map<string, Promise<Visitor | null>>();

function load(artistId: string | undefined): Promise<Visitor | null> {
  const key = artistId ?? "";
  let request = requests.get(key);
  if (!request) {
    request = fetch(`/api/visitor${artistId ? `?artist=${encodeURIComponent(artistId)}` : ""}`, {
      credentials: "same-origin",
      cache: "no-store",
    })
      .then((response) => (response.ok ? (response.json() as Promise<Visitor>) : null))
      .catch(() => null);
    requests.set(key, request);
  }
  return request;
}

/**
 * The visitor's own part of a cached fan page (lib/http/shared-render.ts), from GET /api/visitor:
 * null until it arrives (and if it fails: the page then simply shows the signed-out view).
 */
export function useVisitor(artistId?: string): Visitor | null {
  const [visitor, setVisitor] = useState<Visitor | null>(null);
  useEffect(() => {
    let live = true;
    void load(artistId).then((value) => {
      if (live) setVisitor(value);
    });
    return () => {
      live = false;
    };
  }, [artistId]);
  return visitor;
}
