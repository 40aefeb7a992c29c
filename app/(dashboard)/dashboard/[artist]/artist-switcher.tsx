"use client";

import { useRouter } from "next/navigation";
import { selectClass } from "@/components/ui/field";

const NEW = "__new__";

export function ArtistSwitcher({
  label,
  current,
  bands,
  newLabel,
}: {
  label: string;
  current: string;
  bands: { slug: string; name: string }[];
  newLabel: string;
}) {
  const router = useRouter();
  return (
    <div>
      <label htmlFor="artist-switcher" className="mb-1 block text-xs font-semibold uppercase tracking-wide text-muted">
        {label}
      </label>
      <select
        id="artist-switcher"
        data-testid="artist-switcher"
        value={current}
        onChange={(e) => router.push(e.target.value === NEW ? "/onboarding" : `/dashboard/${e.target.value}`)}
        className={selectClass}
      >
        {bands.map((band) => (
          <option key={band.slug} value={band.slug}>
            {band.name}
          </option>
        ))}
        <option value={NEW}>+ {newLabel}</option>
      </select>
    </div>
  );
}
