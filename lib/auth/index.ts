import { DrizzleAdapter } from "@auth/drizzle-adapter";
import NextAuth, { CredentialsSignin, type DefaultSession, type NextAuthConfig } from "next-auth";
import Credentials from "next-auth/providers/credentials";
import { headers } from "next/headers";
import { redirect } from "next/navigation";
import { cache } from "react";
import { getDb } from "@/db";
import { accounts, sessions, users, verificationTokens } from "@/db/schema";
import { renderEmail, sendEmail } from "@/lib/email";
import { env } from "@/lib/env";
import { isHttpsRequest } from "@/lib/http";
import { BACK_OFFICE_LOCALES, LOCALE_COOKIE, negotiateLocale, translator } from "@/lib/i18n";
import { authenticate } from "./accounts";
import { clientIp } from "./client-ip";
import { checkSessionToken } from "./sessions";

declare module "next-auth" {
  interface Session {
    user: { id: string } & DefaultSession["user"];
  }
  interface User {
    sessionVersion?: number;
  }
}

declare module "next-auth/jwt" {
  interface JWT {
    /** users.session_version when the cookie was issued (lib/auth/sessions). */
    sv?: number;
  }
}

class RateLimited extends CredentialsSignin {
  code = "rate_limited";
}

function requestLocale(request: Request) {
  const cookie = request.headers.get("cookie")?.match(new RegExp(`(?:^|; )${LOCALE_COOKIE}=(en|fr)`))?.[1];
  // Sign-in, reset and invitation e-mails belong to the back office: English or French.
  return cookie ?? negotiateLocale(request.headers.get("accept-language"), BACK_OFFICE_LOCALES);
}

/**
 * Sessions are signed JWT cookies (Auth.js needs them for password sign-in) keyed by AUTH_SECRET,
 * which local runs keep in .data, so a restart signs nobody out. Each carries the user's session
 * version, checked on every read (lib/auth/sessions), so a reset or "sign out everywhere" ends
 * them. Users, magic-link tokens and accounts live in Postgres through the Drizzle adapter.
 */
export const { handlers, auth, signIn, signOut } = NextAuth(async (request) => {
  // Links in emails and redirects use the public address, not the host Next happens to listen on.
  process.env.AUTH_URL ??= `${env().APP_URL}/api/auth`;
  return config(await overHttps(request));
});

/** Secure (`__Secure-`) cookies when the browser came over HTTPS; see lib/http/secure-request. */
async function overHttps(request: Request | undefined) {
  if (request) return isHttpsRequest(request.headers);
  try {
    return isHttpsRequest(await headers());
  } catch {
    // Outside a request (scripts, tests): the public address decides.
    return new URL(env().APP_URL).protocol === "https:";
  }
}

const config = (useSecureCookies: boolean): NextAuthConfig => ({
  adapter: DrizzleAdapter(getDb(), {
    usersTable: users,
    accountsTable: accounts,
    sessionsTable: sessions,
    verificationTokensTable: verificationTokens,
  }),
  session: { strategy: "jwt", maxAge: 30 * 24 * 60 * 60 },
  trustHost: true,
  useSecureCookies,
  pages: { signIn: "/signin", verifyRequest: "/signin/check-email", error: "/signin" },
  providers: [
    Credentials({
      credentials: { email: {}, password: {} },
      async authorize(credentials, request) {
        const email = typeof credentials.email === "string" ? credentials.email : "";
        const password = typeof credentials.password === "string" ? credentials.password : "";
        if (!email || !password) return null;
        const result = await authenticate(getDb(), email, password, clientIp(request.headers));
        if (result.ok)
          return {
            id: result.user.id,
            email: result.user.email,
            name: result.user.name,
            sessionVersion: result.user.sessionVersion,
          };
        if (result.reason === "rate_limited") throw new RateLimited();
        return null;
      },
    }),
    {
      id: "email",
      type: "email",
      name: "Email",
      maxAge: 24 * 60 * 60,
      async sendVerificationRequest({ identifier, url, request }) {
        const { t } = translator(requestLocale(request));
        await sendEmail(
          getDb(),
          renderEmail({
            to: identifier,
            subject: t("email.magicLink.subject"),
            intro: t("email.magicLink.intro"),
            action: { label: t("email.magicLink.action"), url },
            outro: t("email.magicLink.outro"),
          }),
        );
      },
    },
  ],
  callbacks: {
    jwt({ token, user }) {
      return checkSessionToken(getDb(), token, user);
    },
    session({ session, token }) {
      if (token.sub) session.user.id = token.sub;
      return session;
    },
  },
});

export type SignedInUser = { id: string; email: string; name: string | null };

/**
 * The signed-in user, read once per render: the header, the layout, the tab title and the page
 * all ask, and each read of the session checks its version in the database.
 */
export const currentUser = cache(async (): Promise<SignedInUser | null> => {
  const session = await auth();
  if (!session?.user?.id || !session.user.email) return null;
  return { id: session.user.id, email: session.user.email, name: session.user.name ?? null };
});

/** For pages and actions: the signed-in user, or a redirect to sign in and come back. */
export async function requireUser(returnTo = "/dashboard"): Promise<SignedInUser> {
  const user = await currentUser();
  if (!user) redirect(`/signin?callbackUrl=${encodeURIComponent(returnTo)}`);
  return user;
}
