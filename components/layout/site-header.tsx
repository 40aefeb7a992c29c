import { getLocale, getTranslations } from "next-intl/server";
import Link from "next/link";
import { currentUser } from "@/lib/auth";
import { signOutAction } from "./actions";
import { LocaleSwitcher } from "./locale-switcher";

export async function SiteHeader() {
  const [t, locale, user] = await Promise.all([getTranslations("nav"), getLocale(), currentUser()]);
  return (
    <header className="border-b border-line bg-white">
      {/* Wraps rather than overflows on a phone ("Tableau de bord", "Se déconnecter" and the language are long). */}
      <div className="mx-auto flex min-h-14 max-w-6xl flex-wrap items-center gap-x-2 gap-y-1 px-4 py-2 sm:gap-4 sm:px-6">
        <Link href="/" className="text-base font-semibold tracking-tight sm:text-lg">
          Merchtable
        </Link>
        <nav
          className="ml-auto flex flex-wrap items-center justify-end gap-1 whitespace-nowrap text-sm sm:gap-3"
          aria-label="Main"
        >
          {user ? (
            <>
              <Link href="/dashboard" className="rounded px-1.5 py-1 hover:bg-stone-100 sm:px-2">
                {t("dashboard")}
              </Link>
              <span className="hidden text-muted md:inline" data-testid="signed-in-as">
                {user.email}
              </span>
              <form action={signOutAction}>
                <button type="submit" className="rounded px-1.5 py-1 hover:bg-stone-100 sm:px-2">
                  {t("signOut")}
                </button>
              </form>
            </>
          ) : (
            <>
              <Link href="/signin" className="rounded px-1.5 py-1 hover:bg-stone-100 sm:px-2">
                {t("signIn")}
              </Link>
              <Link
                href="/signup"
                className="hidden rounded-md bg-ink px-3 py-1.5 font-medium text-white hover:bg-stone-700 sm:inline-block"
              >
                {t("signUp")}
              </Link>
            </>
          )}
          <LocaleSwitcher locale={locale} label={t("language")} />
        </nav>
      </div>
    </header>
  );
}
