/**
 * Carrier and tracking number as the band types them. Both are optional (a letter has no
 * tracking), but bounded so a pasted paragraph does not end up in a fan's e-mail.
 */
export const CARRIER_MAX = 60;
export const TRACKING_MAX = 60;
const TRACKING_PATTERN = /^[A-Za-z0-9][A-Za-z0-9 .\-/]*$/;

export type TrackingInput =
  | { ok: true; carrier: string | null; trackingNumber: string | null }
  | {
      ok: false;
      field: "carrier" | "trackingNumber";
      error: "carrier_too_long" | "tracking_too_long" | "tracking_format";
    };

export function parseTracking(carrierRaw: string, trackingRaw: string): TrackingInput {
  const carrier = carrierRaw.trim().replace(/\s+/g, " ");
  const trackingNumber = trackingRaw.trim().replace(/\s+/g, " ");
  if (carrier.length > CARRIER_MAX) return { ok: false, field: "carrier", error: "carrier_too_long" };
  if (trackingNumber.length > TRACKING_MAX) return { ok: false, field: "trackingNumber", error: "tracking_too_long" };
  if (trackingNumber && !TRACKING_PATTERN.test(trackingNumber))
    return { ok: false, field: "trackingNumber", error: "tracking_format" };
  return { ok: true, carrier: carrier || null, trackingNumber: trackingNumber || null };
}

/** Carriers offered in the form; their tracking pages take the number in the URL. */
export const KNOWN_CARRIERS: { name: string; aliases: string[]; url: (n: string) => string }[] = [
  {
    name: "La Poste / Colissimo",
    aliases: ["la poste", "colissimo", "laposte"],
    url: (n) => `https://www.laposte.fr/outils/suivre-vos-envois?code=${n}`,
  },
  {
    name: "DHL",
    aliases: ["dhl"],
    url: (n) => `https://www.dhl.com/global-en/home/tracking/tracking-parcel.html?submit=1&tracking-id=${n}`,
  },
  {
    name: "Deutsche Post",
    aliases: ["deutsche post"],
    url: (n) => `https://www.deutschepost.de/de/s/sendungsverfolgung.html?piececode=${n}`,
  },
  { name: "UPS", aliases: ["ups"], url: (n) => `https://www.ups.com/track?tracknum=${n}` },
  { name: "FedEx", aliases: ["fedex"], url: (n) => `https://www.fedex.com/fedextrack/?trknbr=${n}` },
  { name: "USPS", aliases: ["usps"], url: (n) => `https://tools.usps.com/go/TrackConfirmAction?tLabels=${n}` },
  {
    name: "Royal Mail",
    aliases: ["royal mail"],
    url: (n) => `https://www.royalmail.com/track-your-item#/tracking-results/${n}`,
  },
];

/** A link to the carrier's tracking page when the carrier is one we know, otherwise null. */
export function trackingUrl(carrier: string | null, trackingNumber: string | null): string | null {
  if (!carrier || !trackingNumber) return null;
  const name = carrier.trim().toLowerCase();
  const known = KNOWN_CARRIERS.find((c) => c.name.toLowerCase() === name || c.aliases.includes(name));
  return known ? known.url(encodeURIComponent(trackingNumber.replace(/\s+/g, ""))) : null;
}
