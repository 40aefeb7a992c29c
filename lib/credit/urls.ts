import { env } from "@/lib/env";
import { normalizeCode } from "./codes";

/** Where a card's code is redeemed (the card page's QR, the recipient's e-mail, a sponsor's sheet). */
export const redeemCreditUrl = (code: string) =>
  `${env().APP_URL}/gift/redeem?code=${encodeURIComponent(normalizeCode(code))}`;

/** The buyer's page for one card (print, share): its token is the only key. */
export const giftCardPageUrl = (pageToken: string) => `${env().APP_URL}/gift/card/${encodeURIComponent(pageToken)}`;
