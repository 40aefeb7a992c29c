import { eq } from "drizzle-orm";
import type { DbOrTx } from "@/db/client";
import { artists, giftCards, type GiftCard } from "@/db/schema";
import { hashToken } from "@/lib/auth/tokens";
import { formatGiftCode, unsealGiftCode } from "./codes";
import { redeemCreditUrl } from "./urls";

const PAGE_TOKEN = /^[A-Za-z0-9_-]{43}$/;

export type GiftCardPage = {
  card: GiftCard;
  band: { name: string; slug: string } | null;
  code: string;
  redeemUrl: string;
};

/** The card a buyer's page token opens, with its code; null for anything forged or unknown. */
export async function giftCardByPageToken(db: DbOrTx, token: string): Promise<GiftCardPage | null> {
  if (!PAGE_TOKEN.test(token)) return null;
  const [row] = await db
    .select({ card: giftCards, bandName: artists.name, bandSlug: artists.slug })
    .from(giftCards)
    .leftJoin(artists, eq(artists.id, giftCards.artistId))
    .where(eq(giftCards.pageTokenHash, hashToken(token)))
    .limit(1);
  if (!row) return null;
  const code = unsealGiftCode(row.card.codeSealed);
  if (!code) return null;
  return {
    card: row.card,
    band: row.bandName && row.bandSlug ? { name: row.bandName, slug: row.bandSlug } : null,
    code: formatGiftCode(code),
    redeemUrl: redeemCreditUrl(code),
  };
}
