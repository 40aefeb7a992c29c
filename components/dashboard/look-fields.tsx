"use client";

import { useTranslations } from "next-intl";
import { FieldNotes, selectClass } from "@/components/ui/field";

/**
 * The shop's colour and banner layout. They are Pro options: a Free band sees them with a Pro
 * badge and the upgrade link, and the server refuses a change (lib/artists/profile.ts) while
 * keeping what was saved. On onboarding (`look` absent) the default colour is simply carried.
 */
export function LookFields({
  accentColor,
  look,
  error,
}: {
  accentColor: string;
  look?: { plan: "free" | "pro"; bannerLayout: string; upgradeHref: string };
  error?: string;
}) {
  const ta = useTranslations("artist");
  const tl = useTranslations("plans.look");
  const tu = useTranslations("plans.limit");
  if (!look) return <input type="hidden" name="accentColor" value={accentColor} />;
  const free = look.plan !== "pro";
  const badge = free && (
    <span className="ml-2 rounded-full bg-amber-100 px-2 py-0.5 text-xs font-semibold text-amber-900">
      {tl("proBadge")}
    </span>
  );
  return (
    <div className="space-y-3 sm:col-span-2" data-testid="look-fields">
      <div className="flex flex-wrap gap-6">
        <div>
          <label htmlFor="accentColor" className="mb-1 block text-sm font-medium">
            {ta("accent")}
            {badge}
          </label>
          <input
            id="accentColor"
            name="accentColor"
            type="color"
            defaultValue={accentColor}
            aria-describedby="accentColor-error"
            className="h-10 w-20 cursor-pointer rounded-md border border-stone-300 bg-white p-1"
          />
        </div>
        <div>
          <label htmlFor="bannerLayout" className="mb-1 block text-sm font-medium">
            {tl("bannerLayout")}
            {badge}
          </label>
          <select id="bannerLayout" name="bannerLayout" defaultValue={look.bannerLayout} className={selectClass}>
            {(["standard", "tall", "none"] as const).map((layout) => (
              <option key={layout} value={layout}>
                {tl(`layouts.${layout}`)}
              </option>
            ))}
          </select>
        </div>
      </div>
      <FieldNotes errorId="accentColor-error" error={error} />
      {free && (
        <p className="max-w-prose text-sm text-muted" data-testid="look-pro-only">
          {tl("proOnly")}{" "}
          <a href={look.upgradeHref} className="font-medium text-ink underline underline-offset-2">
            {tu("upgrade")}
          </a>
        </p>
      )}
    </div>
  );
}
