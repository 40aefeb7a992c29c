"use server";

import { getLocale, getTranslations } from "next-intl/server";
import { headers } from "next/headers";
import { z } from "zod";
import { db } from "@/db";
import { getArtistBySlug } from "@/lib/artists";
import { normalizeEmail } from "@/lib/auth/accounts";
import { clientIp } from "@/lib/auth/client-ip";
import { deliverSoon } from "@/lib/email";
import { isLocale } from "@/lib/i18n";
import { redeemCode } from "@/lib/orders";

export type RedeemState =
  | null
  | { ok: true; message: string; downloadUrl: string }
  | { ok: false; error: string; field?: "code" | "email"; values: { code: string; email: string } };

const schema = z.object({
  artist: z.string().max(80).default(""),
  code: z.string().trim().min(1).max(60),
  email: z.email().max(254),
  subscribe: z.string().optional(),
});

/** Public: anyone may post here, so the code's band, the rate limit and the single use are all decided in lib/codes. */
export async function redeemAction(_state: RedeemState, form: FormData): Promise<RedeemState> {
  const t = await getTranslations("codes.redeem");
  // Sent back so the form keeps what the fan typed after an error (React resets it after an action).
  const values = {
    code: String(form.get("code") ?? "").slice(0, 60),
    email: String(form.get("email") ?? "").slice(0, 254),
  };
  const input = schema.safeParse(Object.fromEntries(form));
  if (!input.success) {
    const codeBad = input.error.issues.some((i) => i.path[0] === "code");
    return { ok: false, error: t(codeBad ? "errors.code" : "errors.email"), field: codeBad ? "code" : "email", values };
  }
  // A band's own page takes only that band's codes; an unknown band slug is treated as no code at all.
  const artist = input.data.artist ? await getArtistBySlug(db, input.data.artist) : null;
  if (input.data.artist && !artist) return { ok: false, error: t("errors.unknown"), field: "code", values };
  const locale = await getLocale();
  const result = await redeemCode(db, {
    code: input.data.code,
    email: normalizeEmail(input.data.email),
    subscribe: input.data.subscribe === "on",
    locale: isLocale(locale) ? locale : "en",
    ip: clientIp(await headers()),
    artistId: artist?.id,
  });
  if (!result.ok) {
    if (result.reason === "rate_limited")
      return {
        ok: false,
        error: t("errors.rate_limited", { minutes: Math.ceil(result.retryAfterSeconds / 60) }),
        values,
      };
    return { ok: false, error: t(`errors.${result.reason}`), field: "code", values };
  }
  await deliverSoon(db);
  return {
    ok: true,
    message: t("done", { release: result.releaseTitle, band: result.artistName }),
    downloadUrl: result.downloadUrl,
  };
}
