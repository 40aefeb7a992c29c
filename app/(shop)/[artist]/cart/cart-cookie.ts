import "server-only";
import { randomBytes } from "node:crypto";
import { cookies } from "next/headers";
import { secureCookies } from "@/lib/http/secure-request";

/** The browser holds only this random token; the cart itself lives in the database. */
const CART_COOKIE = "mt_cart";

export async function readCartToken(): Promise<string | undefined> {
  const value = (await cookies()).get(CART_COOKIE)?.value;
  return value && /^[A-Za-z0-9_-]{20,64}$/.test(value) ? value : undefined;
}

export async function cartToken(): Promise<string> {
  const existing = await readCartToken();
  if (existing) return existing;
  const token = randomBytes(24).toString("base64url");
  (await cookies()).set(CART_COOKIE, token, {
    httpOnly: true,
    sameSite: "lax",
    secure: await secureCookies(),
    path: "/",
    maxAge: 60 * 60 * 24 * 30,
  });
  return token;
}

/**
 * The token a widget's buy link should use: the fan's own when they have a cart cookie, else a
 * new one that `keep` turns into the cookie once something was actually added (a refused link
 * leaves no cookie behind).
 */
export async function cartTokenForLink(): Promise<{ token: string; keep: () => Promise<void> }> {
  const existing = await readCartToken();
  if (existing) return { token: existing, keep: async () => {} };
  const token = randomBytes(24).toString("base64url");
  return {
    token,
    keep: async () => {
      (await cookies()).set(CART_COOKIE, token, {
        httpOnly: true,
        sameSite: "lax",
        secure: await secureCookies(),
        path: "/",
        maxAge: 60 * 60 * 24 * 30,
      });
    },
  };
}
