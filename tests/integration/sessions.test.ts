import { NextRequest } from "next/server";
import { afterAll, describe, expect, it } from "vitest";
import { getDb } from "@/db";
import { artistMembers } from "@/db/schema";
import { checkArtistAccess, removeMember } from "@/lib/artists";
import { handlers } from "@/lib/auth";
import { createPasswordReset, registerUser, resetPassword } from "@/lib/auth/accounts";
import { endAllSessions } from "@/lib/auth/sessions";
import { CLIENT_IP_HEADER } from "@/lib/net/client-address";
import { makeArtist, unique, useTestDb } from "@/tests/support/factories";

const db = useTestDb();
afterAll(async () => {
  await (globalThis as { __merchtableDb?: { close?: () => Promise<void> } }).__merchtableDb?.close?.();
});

const base = "http://localhost:3000/api/auth";
const newEmail = () => `${unique("session")}@example.test`;

function cookiesOf(response: Response): string {
  return response.headers
    .getSetCookie()
    .map((line) => line.split(";")[0])
    .filter((pair) => !pair.endsWith("="))
    .join("; ");
}

/** Signs in through Auth.js's own credentials endpoint, as the sign-in form does: the session cookie it sets. */
async function signInCookie(email: string, password: string): Promise<string> {
  const headers = { [CLIENT_IP_HEADER]: unique("ip") };
  const csrf = await handlers.GET(new NextRequest(`${base}/csrf`, { headers }));
  const { csrfToken } = (await csrf.json()) as { csrfToken: string };
  const response = await handlers.POST(
    new NextRequest(`${base}/callback/credentials`, {
      method: "POST",
      headers: { ...headers, cookie: cookiesOf(csrf), "content-type": "application/x-www-form-urlencoded" },
      body: new URLSearchParams({ csrfToken, email, password, callbackUrl: "/dashboard" }),
    }),
  );
  const session = response.headers.getSetCookie().find((line) => line.startsWith("authjs.session-token="));
  if (!session) throw new Error(`sign-in set no session cookie (status ${response.status})`);
  return session.split(";")[0];
}

/** What /api/auth/session (and so every auth() in a page or action) makes of a cookie. */
async function sessionFor(cookie: string): Promise<{ user?: { id: string; email: string } } | null> {
  const response = await handlers.GET(
    new NextRequest(`${base}/session`, { headers: { cookie, [CLIENT_IP_HEADER]: unique("ip") } }),
  );
  return (await response.json()) as { user?: { id: string; email: string } } | null;
}

async function account() {
  const email = newEmail();
  const registered = await registerUser(db, { name: "Sam", email, password: "first-password" });
  if (!registered.ok) throw new Error("could not register");
  return { email, user: registered.user, cookie: await signInCookie(email, "first-password") };
}

describe("sessions end when they should", () => {
  it("a session cookie works until the password is reset, then is refused (and a new sign-in works)", async () => {
    const { email, user, cookie } = await account();
    expect((await sessionFor(cookie))?.user).toMatchObject({ id: user.id, email });

    const reset = await createPasswordReset(db, email);
    expect(await resetPassword(db, reset!.token, "second-password")).toMatchObject({ ok: true });
    expect(await sessionFor(cookie)).toBeNull();

    const fresh = await signInCookie(email, "second-password");
    expect((await sessionFor(fresh))?.user).toMatchObject({ id: user.id });
  });

  it("'sign out everywhere' refuses every cookie issued before it, on any device", async () => {
    const { email, user, cookie } = await account();
    const laptop = await signInCookie(email, "first-password");
    await endAllSessions(db, user.id);
    expect(await sessionFor(cookie)).toBeNull();
    expect(await sessionFor(laptop)).toBeNull();
    expect((await sessionFor(await signInCookie(email, "first-password")))?.user).toMatchObject({ id: user.id });
  });

  it("a member removed from a band loses the band at once and their sessions end", async () => {
    const owner = await account();
    const member = await account();
    const band = await makeArtist(getDb(), owner.user.id);
    await db.insert(artistMembers).values({ artistId: band.id, userId: member.user.id, role: "member" });
    expect((await checkArtistAccess(db, member.user.id, { id: band.id })).allowed).toBe(true);

    expect(await removeMember(db, owner.user.id, band.id, member.user.id)).toEqual({ ok: true });
    expect((await checkArtistAccess(db, member.user.id, { id: band.id })).allowed).toBe(false);
    expect(await sessionFor(member.cookie)).toBeNull();
    expect((await sessionFor(owner.cookie))?.user).toMatchObject({ id: owner.user.id });
  });
});

describe("password reset links", () => {
  it("an older link is refused once a newer one was used", async () => {
    const { email } = await account();
    const older = await createPasswordReset(db, email);
    const newer = await createPasswordReset(db, email);
    expect(await resetPassword(db, newer!.token, "second-password")).toMatchObject({ ok: true });
    expect(await resetPassword(db, older!.token, "attacker-password")).toEqual({
      ok: false,
      error: "invalid_or_expired",
    });
  });
});
