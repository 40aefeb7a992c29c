import type { PricingValues } from "@/components/dashboard/selling/pricing-fields";

/** A track as the release editor's list and each track's editor show it. */
export type EditableTrack = {
  id: string;
  title: string;
  durationMs: number | null;
  status: "processing" | "ready" | "failed";
  statusError: string | null;
  /** Still "processing" past its job's expiry: its conversion was lost, offer Retry. */
  stuck?: boolean;
  lossless: boolean;
  lyrics: string;
  isrc: string;
  streaming: "full" | "clip" | "off";
  clipSeconds: number;
  /** Sold on its own (and how), in the release's currency. */
  pricing?: PricingValues & { soldAlone: boolean; currency: string };
};
