import { getTranslations } from "next-intl/server";
import { ListTable } from "@/components/ui/list-table";
import { db } from "@/db";
import { FOLLOW_SOURCES, listFollowers } from "@/lib/follows";

/** The band's followers on its fans page: confirmed, still following, this band's only. */
export async function FollowersSection({ artist, locale }: { artist: { id: string; name: string }; locale: string }) {
  const [t, { followers, total }] = await Promise.all([
    getTranslations("follows.dashboard"),
    listFollowers(db, artist.id),
  ]);
  const day = new Intl.DateTimeFormat(locale, { dateStyle: "medium" });
  const source = (s: string) => {
    const known = FOLLOW_SOURCES.find((k) => k === s);
    return known ? t(`source.${known}`) : s;
  };
  return (
    <section aria-labelledby="followers-title" className="space-y-3 border-t border-line pt-6" data-testid="followers">
      <div>
        <h2 id="followers-title" className="text-lg font-semibold">
          {t("title")}
        </h2>
        <p className="mt-1 text-sm text-muted">{t("intro", { band: artist.name })}</p>
        <p className="mt-1 text-sm font-medium" data-testid="follower-count">
          {t("count", { count: total })}
        </p>
      </div>
      <ListTable
        testId="follower-list"
        empty={followers.length === 0 ? t("empty") : null}
        label={t("title")}
        head={
          <>
            <th className="px-4 py-2 font-medium">{t("email")}</th>
            <th className="px-4 py-2 font-medium">{t("from")}</th>
            <th className="px-4 py-2 font-medium">{t("since")}</th>
          </>
        }
      >
        {followers.map((follower) => (
          <tr key={follower.id} data-testid="follower-row">
            <td className="max-w-64 truncate px-4 py-3">{follower.email}</td>
            <td className="px-4 py-3">{source(follower.source)}</td>
            <td className="whitespace-nowrap px-4 py-3">
              {follower.confirmedAt ? day.format(follower.confirmedAt) : ""}
            </td>
          </tr>
        ))}
      </ListTable>
      {total > followers.length && <p className="text-xs text-muted">{t("more", { shown: followers.length })}</p>}
    </section>
  );
}
