import { eq } from "drizzle-orm";
import type { DbOrTx } from "@/db/client";
import { artists, users, type Artist, type VatStatus } from "@/db/schema";
import { recordAudit } from "@/lib/audit";
import { checkVatNumber, parseVatRatePercent } from "@/lib/vat";
import { checkArtistAccess } from "./access";

export type VatSettingsInput = { status: string; mention: string; number: string; rate: string };

export type VatFieldError = "numberEmpty" | "numberNoPrefix" | "numberGreece" | "numberFormat" | "rate" | "mention";

export type VatSettingsResult =
  | { ok: true; artist: Artist }
  | { ok: false; error: "not_found" }
  | {
      ok: false;
      error: "invalid";
      fieldErrors: Partial<Record<"number" | "rate" | "mention", VatFieldError>>;
      prefix?: string;
    };

const MAX_MENTION = 200;

/**
 * The band's VAT status for what it ships: not registered (with the mention its receipts print)
 * or registered (a VAT number of the right shape and the rate it charges on goods). Members and
 * owners may change it, as the other settings; every change is audited ("settings.vat") in the
 * same transaction. A bad field saves nothing.
 */
export async function saveVatSettings(
  db: DbOrTx,
  userId: string,
  artistId: string,
  input: VatSettingsInput,
): Promise<VatSettingsResult> {
  const access = await checkArtistAccess(db, userId, { id: artistId });
  if (!access.allowed) return { ok: false, error: "not_found" };
  const status: VatStatus = input.status === "registered" ? "registered" : "not_registered";
  const fieldErrors: Partial<Record<"number" | "rate" | "mention", VatFieldError>> = {};
  let values: Pick<Artist, "vatStatus" | "vatNumber" | "vatRateBasisPoints" | "vatMention">;
  let prefix: string | undefined;
  if (status === "registered") {
    const number = checkVatNumber(input.number);
    const rate = parseVatRatePercent(input.rate);
    if (!number.ok) {
      prefix = number.prefix;
      fieldErrors.number = (
        {
          empty: "numberEmpty",
          no_prefix: "numberNoPrefix",
          greece_is_el: "numberGreece",
          format: "numberFormat",
        } as const
      )[number.reason];
    }
    if (rate === null) fieldErrors.rate = "rate";
    values = {
      vatStatus: status,
      vatNumber: number.ok ? number.number : null,
      vatRateBasisPoints: rate,
      // The mention is kept for a band that later deregisters.
      vatMention: access.artist.vatMention,
    };
  } else {
    const mention = input.mention.trim().replace(/\s+/g, " ");
    if (!mention || mention.length > MAX_MENTION) fieldErrors.mention = "mention";
    values = { vatStatus: status, vatNumber: null, vatRateBasisPoints: null, vatMention: mention };
  }
  if (Object.keys(fieldErrors).length) return { ok: false, error: "invalid", fieldErrors, prefix };

  return db.transaction(async (tx) => {
    const [artist] = await tx.update(artists).set(values).where(eq(artists.id, artistId)).returning();
    const [user] = await tx.select({ email: users.email }).from(users).where(eq(users.id, userId));
    const before = access.artist;
    await recordAudit(tx, {
      artistId,
      actor: { kind: "member", userId, email: user?.email ?? null },
      action: "settings.vat",
      target: { type: "artist", id: artistId },
      details: {
        before: { status: before.vatStatus, number: before.vatNumber, rateBasisPoints: before.vatRateBasisPoints },
        after: { status: artist.vatStatus, number: artist.vatNumber, rateBasisPoints: artist.vatRateBasisPoints },
        ...(artist.vatStatus === "not_registered" ? { mention: artist.vatMention } : {}),
      },
    });
    return { ok: true as const, artist };
  });
}
