import { getFormatter, getTranslations } from "next-intl/server";
import { turnMailBackOnAction, unfollowFromLibraryAction } from "@/app/(shop)/library/follow-actions";
import { SubmitButton } from "@/components/ui/submit-button";
import { db } from "@/db";
import { listFollowing, mailOff } from "@/lib/follows";
import { localeHref } from "@/lib/i18n/locale-href";

/** The library's "Following": the bands this address follows, each with an Unfollow button. */
export async function FollowsSection({ email }: { email: string }) {
  const [t, format, following, off] = await Promise.all([
    getTranslations("follows.library"),
    getFormatter(),
    listFollowing(db, email),
    mailOff(db, email),
  ]);
  const hrefs = await Promise.all(following.map((band) => localeHref(`/${band.slug}`)));
  return (
    <section
      id="following"
      aria-labelledby="following-title"
      className="scroll-mt-6 border-b border-line py-6"
      data-testid="library-following"
    >
      <h2 id="following-title" className="text-lg font-semibold">
        {t("title")}
      </h2>
      {off && (
        <form action={turnMailBackOnAction} className="mt-3 flex flex-wrap items-center gap-3 text-sm">
          <p data-testid="library-mail-off">{t("mailOff")}</p>
          <SubmitButton variant="secondary">{t("mailOn")}</SubmitButton>
        </form>
      )}
      {following.length === 0 ? (
        <p className="mt-3 text-sm text-muted">{t("empty")}</p>
      ) : (
        <ul className="mt-3 divide-y divide-line">
          {following.map((band, i) => (
            <li
              key={band.artistId}
              className="flex items-center justify-between gap-4 py-3"
              data-testid="following-band"
            >
              <div className="min-w-0">
                <a href={hrefs[i]} className="font-medium underline-offset-2 hover:underline">
                  {band.name}
                </a>
                {band.since && (
                  <p className="text-xs text-muted">
                    {t("since", { date: format.dateTime(band.since, { dateStyle: "medium" }) })}
                  </p>
                )}
              </div>
              <form action={unfollowFromLibraryAction}>
                <input type="hidden" name="artistId" value={band.artistId} />
                <button
                  type="submit"
                  aria-label={t("unfollowBand", { band: band.name })}
                  className="rounded-md border border-stone-300 bg-white px-3 py-1.5 text-sm font-medium hover:bg-stone-50"
                >
                  {t("unfollow")}
                </button>
              </form>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
