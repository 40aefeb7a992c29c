import { randomBytes } from "node:crypto";
import { hashToken } from "@/lib/auth/tokens";
import { CODE_ALPHABET, formatCode, normalizeCode } from "@/lib/codes";
import { seal, unseal } from "@/lib/crypto";

/**
 * Gift and eligibility codes: 20 symbols of 5 bits (2^100), so no one guesses one even with the
 * redeem form's limits lifted; twice as long as a download code (10), which tells them apart.
 */
export const GIFT_CODE_LENGTH = 20;
const PURPOSE = "credit/code";

export function newGiftCode(): string {
  let code = "";
  for (const byte of randomBytes(GIFT_CODE_LENGTH)) code += CODE_ALPHABET[byte & 31];
  return code;
}

/** Found by its hash only: a copy of the database does not hand out codes worth money. */
export const giftCodeHash = (code: string) => hashToken(`gift:${normalizeCode(code)}`);
export const sealGiftCode = (code: string) => seal(PURPOSE, code);
export const unsealGiftCode = (sealed: string) => unseal(PURPOSE, sealed);

export const isGiftCodeShape = (text: string) => normalizeCode(text).length === GIFT_CODE_LENGTH;
export { formatCode as formatGiftCode, normalizeCode };
