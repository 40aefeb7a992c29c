import { getFormatter, getTranslations } from "next-intl/server";
import { notFound } from "next/navigation";
import { pageTitle } from "@/app/(dashboard)/dashboard/[artist]/page-title";
import { db } from "@/db";
import { listTeam } from "@/lib/artists";
import { requireArtistMember } from "@/lib/artists/guard";
import { InviteForm, RowAction } from "./members-forms";

export async function generateMetadata() {
  return pageTitle("members");
}

export default async function MembersPage({ params }: PageProps<"/dashboard/[artist]/members">) {
  const { artist, user } = await requireArtistMember({ slug: (await params).artist });
  const [t, format, team] = await Promise.all([
    getTranslations("dashboard"),
    getFormatter(),
    listTeam(db, user.id, artist.id),
  ]);
  if (!team) notFound();
  const isOwner = team.role === "owner";
  return (
    <div className="space-y-8">
      <div>
        <h1 className="text-2xl font-semibold tracking-tight">{t("members.title")}</h1>
        <p className="mt-1 text-sm text-muted">{t("members.intro")}</p>
      </div>
      <section className="overflow-hidden rounded-lg border border-line bg-white">
        <table className="w-full text-left text-sm" data-testid="members-table">
          <tbody className="divide-y divide-line">
            {team.members.map((m) => (
              <tr key={m.userId}>
                <td className="px-6 py-3">
                  <div className="font-medium">
                    {m.name || m.email}{" "}
                    {m.userId === user.id && <span className="text-muted">({t("members.you")})</span>}
                  </div>
                  <div className="text-xs text-muted">{m.email}</div>
                </td>
                <td className="px-4 py-3 sm:px-6">{t(`roles.${m.role}`)}</td>
                <td className="hidden px-6 py-3 text-xs text-muted sm:table-cell">
                  {t("members.since", { date: format.dateTime(m.since, { dateStyle: "medium" }) })}
                </td>
                <td className="px-6 py-3 text-right">
                  {isOwner && m.userId !== user.id && (
                    <RowAction kind="remove" artistId={artist.id} id={m.userId} label={t("members.remove")} />
                  )}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </section>

      {team.invites.length > 0 && (
        <section>
          <h2 className="mb-3 font-semibold">{t("members.pending")}</h2>
          <ul className="divide-y divide-line rounded-lg border border-line bg-white text-sm">
            {team.invites.map((invite) => (
              <li key={invite.id} className="flex items-center justify-between gap-4 px-6 py-3">
                <span>
                  <span className="font-medium">{invite.email}</span> · {t(`roles.${invite.role}`)} ·{" "}
                  <span className="text-muted">
                    {t("members.expires", { date: format.dateTime(invite.expiresAt, { dateStyle: "medium" }) })}
                  </span>
                </span>
                {isOwner && <RowAction kind="revoke" artistId={artist.id} id={invite.id} label={t("members.revoke")} />}
              </li>
            ))}
          </ul>
        </section>
      )}

      <section className="rounded-lg border border-line bg-white p-6">
        <h2 className="mb-4 font-semibold">{t("members.inviteTitle")}</h2>
        {isOwner ? (
          <InviteForm artistId={artist.id} />
        ) : (
          <p className="text-sm text-muted">{t("members.ownersOnly")}</p>
        )}
      </section>
    </div>
  );
}
