import type { Metadata } from "next";
import { getTranslations } from "next-intl/server";
import { redirect } from "next/navigation";
import { connection } from "next/server";
import { LibraryLinkForm, OpenLibraryForm } from "@/app/(shop)/library/library-forms";
import { libraryViewer } from "@/app/(shop)/library/library-session";
import { Notice } from "@/components/ui/notice";
import { db } from "@/db";
import { libraryLinkState, safeLibraryNext } from "@/lib/library";

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations("downloads.library.confirm");
  return { title: t("metaTitle"), robots: { index: false, follow: false }, referrer: "no-referrer" };
}

/**
 * Where the emailed link lands. Opening it spends nothing: mail scanners fetch links before the
 * fan does, so the link is spent by pressing the button (a POST), not by loading the page.
 */
export default async function OpenLibraryPage({ searchParams }: PageProps<"/library/open">) {
  await connection();
  const { token, next } = await searchParams;
  const back = safeLibraryNext(typeof next === "string" ? next : null);
  const raw = typeof token === "string" ? token : "";
  const [t, state, viewer] = await Promise.all([
    getTranslations("downloads.library.confirm"),
    libraryLinkState(db, raw),
    libraryViewer(),
  ]);
  // The link clicked a second time from the same browser: the library is already open here.
  if (state !== "live" && viewer) redirect(back ?? "/library");
  return (
    <div className="mx-auto w-full max-w-md px-4 py-12 sm:py-16" data-testid="library-open">
      <h1 className="text-3xl font-semibold tracking-tight">{t("title")}</h1>
      {state === "live" ? (
        <>
          <p className="mt-3 text-sm text-muted">{t("body")}</p>
          <div className="mt-8 rounded-lg border border-line bg-surface p-6 shadow-xs">
            <OpenLibraryForm token={raw} next={back} />
          </div>
        </>
      ) : (
        <div className="mt-8 space-y-6 rounded-lg border border-line bg-surface p-6 shadow-xs">
          <Notice tone="error">{t(state)}</Notice>
          <LibraryLinkForm />
        </div>
      )}
    </div>
  );
}
