import Link from "next/link";
import { getLocale, getTranslations } from "next-intl/server";
import { currentUser } from "@/lib/auth";
import { LocaleSwitcher } from "./locale-switcher";
import { signOutAction } from "./actions";

export async function SiteHeader() {
  const [t, locale, user] = await Promise.all([getTranslations("nav"), getLocale(), currentUser()]);
  return (
    <header className="border-b border-line bg-white">
      <div className="mx-auto flex h-14 max-w-6xl items-center gap-2 px-4 sm:gap-4 sm:px-6">
        <Link href="/" className="text-base font-semibold tracking-tight sm:text-lg">
          Merchtable
        </Link>
        <nav className="ml-auto flex items-center gap-1 whitespace-nowrap text-sm sm:gap-3" aria-label="Main">
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
              <Link href="/signup" className="hidden rounded-md bg-ink px-3 py-1.5 font-medium text-white hover:bg-stone-700 sm:inline-block">
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
