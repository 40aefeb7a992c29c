import { getTranslations } from "next-intl/server";

/**
 * The band's own view of an operator's decision: what fans see now, and why. Shown on the
 * dashboard overview (suspended shop) and on the release's page (taken down).
 */
export async function ModerationBanner({ kind, reason }: { kind: "suspended" | "takenDown"; reason: string | null }) {
  const t = await getTranslations("moderation.banner");
  return (
    <div
      role="alert"
      className="rounded-md border border-red-200 bg-red-50 px-4 py-3 text-sm text-red-900"
      data-testid={`banner-${kind}`}
    >
      <p className="font-semibold">{t(`${kind}.title`)}</p>
      <p className="mt-1">{t(`${kind}.body`, { reason: reason ?? "—" })}</p>
      <p className="mt-1 text-red-800">{t("contact")}</p>
    </div>
  );
}
