import type { CountryEvidence } from "@/db/schema";
import { countryOfIp } from "@/lib/geo";
import { decideCountry } from "@/lib/vat";
import type { PricedCart } from "./cart-pricing";
import { grossOfLines } from "./cart-vat";

/**
 * Where the fan is, from the cart's country (declared or confirmed) and the request's address.
 * Only downloads are taxed where the fan lives; a cart of goods alone takes the declared
 * (shipping) country without asking, since its VAT does not depend on it.
 */
export async function checkoutCountry(
  priced: PricedCart,
  ip: string | null | undefined,
): Promise<
  { ok: true; country: string | null; evidence: CountryEvidence } | { ok: false; ipCountry: string; declared: string }
> {
  const decision = decideCountry({
    ip: await countryOfIp(ip),
    declared: priced.cart.country,
    confirmed: priced.cart.countryConfirmed,
  });
  if (decision.ok) return decision;
  const gross = grossOfLines(priced);
  const taxedHere = priced.lines.some((line, i) => !line.physical && gross[i] > 0);
  if (!taxedHere)
    return {
      ok: true,
      country: decision.declared,
      evidence: { ip: decision.ip, declared: decision.declared, basis: "declared" },
    };
  return { ok: false, ipCountry: decision.ip, declared: decision.declared };
}
