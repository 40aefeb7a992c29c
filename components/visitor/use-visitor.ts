"use client";

import { useEffect, useState } from "react";
import type { Rates } from "@/lib/fx";

export type Visitor = {
  signedIn: boolean;
  email: string | null;
  cartCount: number;
  member: boolean;
  /** Where the visitor is (null when unknown), and whether its consumers pay VAT on digital sales. */
  country: string | null;
  vatCountry: boolean;
  /** The currency they most likely think in, and the reference rates when fresh (lib/fx). */
  currency: string | null;
  rates: Rates | null;
};

/** One request per page: the header asks with no band, the page's islands with theirs. */
const requests = new Map<string, Promise<Visitor | null>>();

function fetchVisitor(artistId: string | undefined): Promise<Visitor | null> {
  return fetch(`/api/visitor${artistId ? `?artist=${encodeURIComponent(artistId)}` : ""}`, {
    credentials: "same-origin",
    cache: "no-store",
  })
    .then((response) => (response.ok ? (response.json() as Promise<Visitor>) : null))
    .catch(() => null);
}

function load(artistId: string | undefined): Promise<Visitor | null> {
  if (artistId) {
    let request = requests.get(artistId);
    if (!request) requests.set(artistId, (request = fetchVisitor(artistId)));
    return request;
  }
  // The header needs no band, but a band's answer holds what it needs: wait until the effects of
  // this render have run (a microtask), then share the page's request if it made one.
  return Promise.resolve().then(() => {
    let request = requests.values().next().value;
    if (!request) requests.set("", (request = fetchVisitor(undefined)));
    return request;
  });
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
