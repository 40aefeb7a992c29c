import { getLocale, getTranslations } from "next-intl/server";
import { ListTable } from "@/components/ui/list-table";
import type { AuditEntry } from "@/db/schema";

/** The band's audit trail as operators see it: who did what, when, and why. */
export async function AuditTrail({ entries }: { entries: AuditEntry[] }) {
  const [t, locale] = await Promise.all([getTranslations("admin.audit"), getLocale()]);
  return (
    <section className="space-y-2">
      <h2 className="text-lg font-semibold">{t("title")}</h2>
      <ListTable
        testId="admin-audit"
        empty={entries.length === 0 ? t("empty") : null}
        head={
          <>
            <th className="px-3 py-2">{t("when")}</th>
            <th className="px-3 py-2">{t("who")}</th>
            <th className="px-3 py-2">{t("what")}</th>
            <th className="px-3 py-2">{t("why")}</th>
          </>
        }
      >
        {entries.map((e) => (
          <tr key={e.id}>
            <td className="px-3 py-2 tabular-nums">{e.createdAt.toLocaleString(locale)}</td>
            <td className="px-3 py-2">
              {t(`actors.${e.actorKind}`)}
              {e.actorEmail && <span className="block text-xs text-muted">{e.actorEmail}</span>}
            </td>
            <td className="px-3 py-2 font-mono text-xs">{e.action}</td>
            <td className="px-3 py-2">{e.reason ?? "—"}</td>
          </tr>
        ))}
      </ListTable>
    </section>
  );
}
