import { inArray } from "drizzle-orm";
import type { Metadata } from "next";
import { getFormatter, getTranslations } from "next-intl/server";
import Link from "next/link";
import { db } from "@/db";
import { users } from "@/db/schema";
import { requireArtistMember } from "@/lib/artists/guard";
import { listAudit } from "@/lib/audit";
import { describeEntry } from "./describe";

const PAGE = 30;

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations("moderation.activity"))("title") };
}

/** The band's own audit trail (any member reads it): operators' decisions and sensitive changes. */
export default async function ActivityPage({ params, searchParams }: PageProps<"/dashboard/[artist]/activity">) {
  const { artist } = await requireArtistMember({ slug: (await params).artist });
  const raw = (await searchParams).before;
  const before = typeof raw === "string" && !Number.isNaN(Date.parse(raw)) ? new Date(raw) : undefined;
  const [t, format, entries] = await Promise.all([
    getTranslations("moderation.activity"),
    getFormatter(),
    listAudit(db, { artistId: artist.id, limit: PAGE, before }),
  ]);
  // Members are named as they are now; an operator's id is never looked up (shown as Merchtable).
  const memberIds = [
    ...new Set(entries.filter((e) => e.actorKind === "member" && e.actorUserId).map((e) => e.actorUserId!)),
  ];
  const people = memberIds.length
    ? await db.select({ id: users.id, name: users.name }).from(users).where(inArray(users.id, memberIds))
    : [];
  const names = new Map(people.filter((p) => p.name).map((p) => [p.id, p.name!]));
  const last = entries.at(-1);
  const say = (key: string, values?: Record<string, string | number>) => t(key as Parameters<typeof t>[0], values);
  return (
    <div className="space-y-6">
      <div>
        <h1 className="text-2xl font-semibold tracking-tight">{t("title")}</h1>
        <p className="mt-1 text-sm text-muted">{t("intro")}</p>
      </div>
      {entries.length === 0 ? (
        <p className="text-muted">{t("empty")}</p>
      ) : (
        <ol className="divide-y divide-line rounded-lg border border-line bg-white" data-testid="activity-list">
          {entries.map((entry) => (
            <li key={entry.id} className="px-4 py-3" data-testid="activity-entry">
              <p className="text-sm">{describeEntry(entry, names, say)}</p>
              {entry.reason && <p className="mt-0.5 text-sm text-muted">{t("reason", { reason: entry.reason })}</p>}
              <p className="mt-0.5 text-xs text-muted">
                <time dateTime={entry.createdAt.toISOString()}>
                  {format.dateTime(entry.createdAt, { dateStyle: "medium", timeStyle: "short" })}
                </time>
              </p>
            </li>
          ))}
        </ol>
      )}
      {entries.length === PAGE && last && (
        <Link
          href={`/dashboard/${artist.slug}/activity?before=${encodeURIComponent(last.createdAt.toISOString())}`}
          className="inline-block text-sm underline underline-offset-2"
        >
          {t("older")}
        </Link>
      )}
    </div>
  );
}
