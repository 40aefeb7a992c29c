import { getTranslations } from "next-intl/server";
import Link from "next/link";
import { SignedInLinks, SignedOutLinks, VisitorNav, type NavLabels } from "@/components/visitor/visitor-nav";
import { currentUser } from "@/lib/auth";
import { isSharedRender } from "@/lib/http/shared-render-request";
import { localePath } from "@/lib/i18n";
import { pageLocale, pageLocales } from "@/lib/i18n/locale-href";
import { LocaleSwitcher } from "./locale-switcher";

/**
 * The account links are the visitor's own: rendered here for a visitor's own page, and by
 * VisitorNav in the browser on the shared copy of a fan page (lib/http/shared-render.ts).
 */
export async function SiteHeader() {
  const [t, tp, locale, locales, shared] = await Promise.all([
    getTranslations("nav"),
    getTranslations("plans"),
    pageLocale(),
    pageLocales(),
    isSharedRender(),
  ]);
  const user = shared ? null : await currentUser();
  const labels: NavLabels = {
    dashboard: t("dashboard"),
    signOut: t("signOut"),
    signIn: t("signIn"),
    signUp: t("signUp"),
  };
  return (
    <header className="border-b border-line bg-white">
      {/* Wraps rather than overflows on a phone ("Tableau de bord", "Se déconnecter" and the language are long). */}
      <div className="mx-auto flex min-h-14 max-w-6xl flex-wrap items-center gap-x-2 gap-y-1 px-4 py-2 sm:gap-4 sm:px-6">
        <Link href={localePath(locale, "/")} className="text-base font-semibold tracking-tight sm:text-lg">
          Merchtable
        </Link>
        <nav
          className="ml-auto flex flex-wrap items-center justify-end gap-1 whitespace-nowrap text-sm sm:gap-3"
          aria-label="Main"
        >
          <Link href={localePath(locale, "/pricing")} className="rounded px-1.5 py-1 hover:bg-stone-100 sm:px-2">
            {tp("nav")}
          </Link>
          {shared ? (
            <VisitorNav labels={labels} />
          ) : user ? (
            <SignedInLinks email={user.email} labels={labels} />
          ) : (
            <SignedOutLinks labels={labels} />
          )}
          <LocaleSwitcher locale={locale} locales={locales} label={t("language")} />
        </nav>
      </div>
    </header>
  );
}
