"use server";

import { getLocale, getTranslations } from "next-intl/server";
import { headers } from "next/headers";
import { redirect } from "next/navigation";
import { z } from "zod";
import { libraryViewer } from "@/app/(shop)/library/library-session";
import { db } from "@/db";
import { getArtistBySlug } from "@/lib/artists";
import { normalizeEmail } from "@/lib/auth/accounts";
import { clientIp } from "@/lib/auth/client-ip";
import { isCountryCode } from "@/lib/countries";
import { deliverSoon } from "@/lib/email";
import { countryOfIp } from "@/lib/geo";
import { isLocale } from "@/lib/i18n";
import { localeHref } from "@/lib/i18n/locale-href";
import { formatMoney, parseMoneyInput } from "@/lib/money";
import {
  addToCart,
  applyDiscountToCart,
  confirmCartCountry,
  findCart,
  removeDiscountFromCart,
  setCartCountry,
  startCheckout,
  updateCartItem,
  type CartError,
  type CheckoutError,
} from "@/lib/orders";
import { cartToken, readCartToken } from "./cart-cookie";

export type CartActionState = null | { ok: true; message?: string } | { ok: false; error: string };

const itemSchema = z.object({
  artist: z.string().min(1).max(80),
  kind: z.enum(["release", "track", "product"]),
  id: z.string().uuid(),
  optionId: z
    .string()
    .uuid()
    .optional()
    .or(z.literal("").transform(() => undefined)),
  quantity: z.coerce.number().int().min(1).max(99).default(1),
  amount: z.string().max(20).optional(),
  currency: z
    .string()
    .regex(/^[A-Z]{3}$/)
    .default("EUR"),
});

async function cartErrorMessage(
  error: CartError | CheckoutError | "amount_invalid" | "email_invalid" | "country_invalid",
  currency = "EUR",
  minimum?: number,
) {
  const t = await getTranslations("cart.errors");
  if (error === "below_minimum" || error === "below_card_minimum")
    return t(error, { minimum: formatMoney(minimum ?? 0, currency, await getLocale()) });
  return t(error);
}

function parseAmount(text: string | undefined, currency: string): number | null | "invalid" {
  if (text === undefined || text.trim() === "") return null;
  const parsed = parseMoneyInput(text, currency);
  return parsed.ok ? parsed.amount : "invalid";
}

/** "Add to cart" / "Buy now" on release pages, the shop page and (later) widgets. */
export async function addToCartAction(_state: CartActionState, form: FormData): Promise<CartActionState> {
  const input = itemSchema.safeParse(Object.fromEntries(form));
  if (!input.success) return { ok: false, error: await cartErrorMessage("not_found") };
  const artist = await getArtistBySlug(db, input.data.artist);
  if (!artist) return { ok: false, error: await cartErrorMessage("not_found") };
  const customAmount = parseAmount(input.data.amount, input.data.currency);
  if (customAmount === "invalid") return { ok: false, error: await cartErrorMessage("amount_invalid") };
  const result = await addToCart(db, {
    token: await cartToken(),
    artist,
    item: {
      kind: input.data.kind,
      id: input.data.id,
      optionId: input.data.optionId ?? null,
      quantity: input.data.quantity,
      customAmount,
    },
    country: await countryOfIp(clientIp(await headers())),
  });
  if (!result.ok)
    return { ok: false, error: await cartErrorMessage(result.error, input.data.currency, result.minimum) };
  redirect(await localeHref(`/${artist.slug}/cart`));
}

const lineSchema = z.object({
  artist: z.string().min(1).max(80),
  itemId: z.string().uuid(),
  quantity: z.coerce.number().int().min(0).max(99).optional(),
  amount: z.string().max(20).optional(),
  currency: z
    .string()
    .regex(/^[A-Z]{3}$/)
    .default("EUR"),
  remove: z.string().optional(),
});

export async function updateCartLineAction(_state: CartActionState, form: FormData): Promise<CartActionState> {
  const input = lineSchema.safeParse(Object.fromEntries(form));
  if (!input.success) return { ok: false, error: await cartErrorMessage("quantity_invalid") };
  const artist = await getArtistBySlug(db, input.data.artist);
  const cart = artist ? await findCart(db, await readCartToken(), artist.id) : null;
  if (!cart) return { ok: false, error: await cartErrorMessage("empty") };
  const customAmount = parseAmount(input.data.amount, input.data.currency);
  if (customAmount === "invalid") return { ok: false, error: await cartErrorMessage("amount_invalid") };
  const result = await updateCartItem(db, {
    cart,
    itemId: input.data.itemId,
    quantity: input.data.remove ? 0 : input.data.quantity,
    customAmount: input.data.amount === undefined ? undefined : customAmount,
  });
  if (!result.ok)
    return { ok: false, error: await cartErrorMessage(result.error, input.data.currency, result.minimum) };
  redirect(await localeHref(`/${artist!.slug}/cart`));
}

export async function setCountryAction(form: FormData) {
  const artist = await getArtistBySlug(db, String(form.get("artist") ?? ""));
  if (!artist) return;
  const cart = await findCart(db, await readCartToken(), artist.id);
  const country = String(form.get("country") ?? "");
  if (cart) await setCartCountry(db, cart, isCountryCode(country) ? country : null);
  redirect(await localeHref(`/${artist.slug}/cart`));
}

/** "I live in Belgium": only the country the cart holds is confirmed (lib/orders checks it again). */
export async function confirmCountryAction(form: FormData) {
  const artist = await getArtistBySlug(db, String(form.get("artist") ?? ""));
  if (!artist) return;
  const cart = await findCart(db, await readCartToken(), artist.id);
  const country = String(form.get("country") ?? "");
  if (cart && isCountryCode(country)) await confirmCartCountry(db, cart, country);
  redirect(await localeHref(`/${artist.slug}/cart`));
}

const checkoutSchema = z.object({
  artist: z.string().min(1).max(80),
  email: z.string().trim().max(254).default(""),
  subscribe: z.string().optional(),
});

export async function checkoutAction(_state: CartActionState, form: FormData): Promise<CartActionState> {
  const input = checkoutSchema.safeParse(Object.fromEntries(form));
  if (!input.success) return { ok: false, error: await cartErrorMessage("empty") };
  const artist = await getArtistBySlug(db, input.data.artist);
  if (!artist) return { ok: false, error: await cartErrorMessage("empty") };
  const email = input.data.email ? z.email().safeParse(input.data.email) : null;
  if (email && !email.success) return { ok: false, error: await cartErrorMessage("email_invalid") };
  const locale = await getLocale();
  const result = await startCheckout(db, {
    token: await readCartToken(),
    artist,
    email: email?.success ? normalizeEmail(email.data) : null,
    subscribe: input.data.subscribe === "on",
    locale: isLocale(locale) ? locale : "en",
    ip: clientIp(await headers()),
    // The library's signed-in fan pays from their balance first.
    creditEmail: (await libraryViewer())?.email ?? null,
  });
  if (!result.ok) {
    if (result.error === "below_card_minimum")
      return { ok: false, error: await cartErrorMessage(result.error, result.currency, result.minimum) };
    if (result.error === "discount_invalid" || result.error === "discount_used_up")
      return { ok: false, error: (await getTranslations("discounts.cart.errors"))(result.error) };
    return { ok: false, error: await cartErrorMessage(result.error) };
  }
  await deliverSoon(db);
  redirect(result.redirectUrl);
}

const discountSchema = z.object({ artist: z.string().min(1).max(80), code: z.string().max(60).default("") });

/** The code is checked against this band's codes and this cart now; only one that takes something off is kept. */
export async function applyDiscountAction(_state: CartActionState, form: FormData): Promise<CartActionState> {
  const t = await getTranslations("discounts.cart.errors");
  const input = discountSchema.safeParse(Object.fromEntries(form));
  const artist = input.success ? await getArtistBySlug(db, input.data.artist) : null;
  if (!input.success || !artist) return { ok: false, error: t("unknown") };
  if (!input.data.code.trim()) return { ok: false, error: t("unknown") };
  const result = await applyDiscountToCart(
    db,
    await findCart(db, await readCartToken(), artist.id),
    artist,
    input.data.code,
  );
  if (!result.ok) return { ok: false, error: t(result.reason) };
  redirect(await localeHref(`/${artist.slug}/cart`));
}

export async function removeDiscountAction(form: FormData) {
  const artist = await getArtistBySlug(db, String(form.get("artist") ?? ""));
  if (!artist) return;
  const cart = await findCart(db, await readCartToken(), artist.id);
  if (cart) await removeDiscountFromCart(db, cart);
  redirect(await localeHref(`/${artist.slug}/cart`));
}

const freeSchema = z.object({
  artist: z.string().min(1).max(80),
  kind: z.enum(["release", "track"]),
  id: z.string().uuid(),
  email: z.email(),
  subscribe: z.string().optional(),
});

/**
 * Free (or pay-what-you-want from 0) downloads: the fan leaves an email and gets the link there,
 * through the same order and fulfilment path as a sale, so the band's figures count it.
 */
export async function freeDownloadAction(_state: CartActionState, form: FormData): Promise<CartActionState> {
  const t = await getTranslations("buy");
  const input = freeSchema.safeParse(Object.fromEntries(form));
  if (!input.success) return { ok: false, error: await cartErrorMessage("email_invalid") };
  const artist = await getArtistBySlug(db, input.data.artist);
  if (!artist) return { ok: false, error: await cartErrorMessage("not_found") };
  // A one-off cart: the fan's own cart (with paid items, perhaps) is left alone.
  const token = crypto.randomUUID().replaceAll("-", "");
  const added = await addToCart(db, {
    token,
    artist,
    item: { kind: input.data.kind, id: input.data.id, customAmount: 0 },
  });
  if (!added.ok) return { ok: false, error: await cartErrorMessage(added.error, artist.currency, added.minimum) };
  const locale = await getLocale();
  const email = normalizeEmail(input.data.email);
  const result = await startCheckout(db, {
    token,
    artist,
    email,
    subscribe: input.data.subscribe === "on",
    locale: isLocale(locale) ? locale : "en",
    requireFree: true,
    ip: clientIp(await headers()),
  });
  if (!result.ok) return { ok: false, error: await cartErrorMessage(result.error) };
  await deliverSoon(db);
  return { ok: true, message: t("freeSent", { email }) };
}
