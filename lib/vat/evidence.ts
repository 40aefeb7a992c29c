import type { CountryEvidence } from "@/db/schema";
import { isVatCountry } from "./rates";

export type EvidenceInput = {
  /** Country of the request's address (lib/geo), null when unknown (a private address, no match). */
  ip: string | null;
  /** Country the fan declared at checkout (prefilled from `ip`). */
  declared: string | null;
  /** Country the fan confirmed after being told it disagrees with `ip`. */
  confirmed?: string | null;
};

export type EvidenceDecision =
  | { ok: true; country: string | null; evidence: CountryEvidence }
  /** The address and the declaration disagree and VAT depends on which is right: ask the fan. */
  | { ok: false; reason: "confirm"; ip: string; declared: string };

/**
 * Where a buyer is, from the evidence at checkout. The declared country wins when the address
 * agrees, when the address is unknown (the card's country becomes the second piece once paid),
 * or when the fan confirmed it; a disagreement that changes the VAT (either country in the EU or
 * the UK) must be confirmed first. With no declaration the address stands for it.
 */
export function decideCountry(input: EvidenceInput): EvidenceDecision {
  const ip = input.ip?.toUpperCase() || null;
  const declared = input.declared?.toUpperCase() || ip;
  const base = { ip, declared };
  if (!declared) return { ok: true, country: null, evidence: { ...base, basis: "none" } };
  if (!ip) return { ok: true, country: declared, evidence: { ...base, basis: "declared" } };
  if (ip === declared) return { ok: true, country: declared, evidence: { ...base, basis: "ip+declared" } };
  if (input.confirmed?.toUpperCase() === declared)
    return { ok: true, country: declared, evidence: { ...base, confirmed: true, basis: "declared+confirmed" } };
  if (!isVatCountry(ip) && !isVatCountry(declared))
    return { ok: true, country: declared, evidence: { ...base, basis: "declared" } };
  return { ok: false, reason: "confirm", ip, declared };
}

/**
 * Adds the card's country reported by the payment provider once the order is paid: agreeing with
 * the order's country it becomes a second piece of evidence; disagreeing, it is kept as it is,
 * for the record (the VAT charged does not change after payment).
 */
export function withCardCountry(
  evidence: CountryEvidence,
  country: string | null,
  card: string | null,
): CountryEvidence {
  if (!card) return evidence;
  const upper = card.toUpperCase();
  const agrees = !!country && upper === country.toUpperCase();
  const basis = agrees && !evidence.basis.includes("card") ? `${evidence.basis}+card` : evidence.basis;
  return { ...evidence, card: upper, basis };
}
