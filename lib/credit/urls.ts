import { env } from "@/lib/env";

/** Where a card's or an eligibility code's QR code and link lead: the one redeem page for credit. */
export const redeemCreditUrl = (code: string) => `${env().APP_URL}/gift/redeem?code=${encodeURIComponent(code)}`;
