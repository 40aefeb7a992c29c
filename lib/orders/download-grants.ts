import { eq } from "drizzle-orm";
import type { DbOrTx } from "@/db/client";
import { downloadGrantItems, downloadGrants } from "@/db/schema";
import { newToken } from "@/lib/auth/tokens";
import { env } from "@/lib/env";

/** The sealed copy of an order's download token (orders.download_token_sealed). */
export const DOWNLOAD_TOKEN_PURPOSE = "orders/download-token";

export type GrantItem = { releaseId: string; trackId: string | null };

/**
 * Opens /download/<token> for what a fan bought (or redeemed). The raw token exists only in the
 * returned URL (put in the receipt); the database keeps its hash.
 */
export async function createDownloadGrant(
  tx: DbOrTx,
  input: { artistId: string; orderId: string | null; email: string; items: GrantItem[] },
): Promise<{ grantId: string; token: string; url: string }> {
  const { token, tokenHash } = newToken();
  const [grant] = await tx
    .insert(downloadGrants)
    .values({ artistId: input.artistId, orderId: input.orderId, email: input.email.toLowerCase(), tokenHash })
    .returning({ id: downloadGrants.id });
  if (input.items.length) {
    await tx.insert(downloadGrantItems).values(input.items.map((item) => ({ grantId: grant.id, ...item })));
  }
  return { grantId: grant.id, token, url: downloadPageUrl(token) };
}

export function downloadPageUrl(token: string) {
  return new URL(`/download/${token}`, env().APP_URL).toString();
}

/** A refunded order's downloads stop working; the row stays for the record. */
export async function revokeOrderGrants(tx: DbOrTx, orderId: string) {
  await tx.update(downloadGrants).set({ revokedAt: new Date() }).where(eq(downloadGrants.orderId, orderId));
}
