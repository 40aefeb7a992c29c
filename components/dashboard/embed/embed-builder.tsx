"use client";

import { useTranslations } from "next-intl";
import { useMemo, useState } from "react";
import { optionsQuery, type EmbedKind, type EmbedOptions } from "@/lib/embed/options";
import { embedHeight } from "@/lib/embed/sizes";
import { iframeSnippet, loaderSnippet } from "@/lib/embed/snippets";
import { isLocale, LOCALE_NAMES, LOCALES } from "@/lib/i18n/config";
import { CopyField } from "./copy-field";

/** `trackCount` (releases): the player's list is as tall as its tracks, so the snippet's height is exact. */
export type BuilderItem = {
  kind: "release" | "track" | "product";
  id: string;
  title: string;
  pagePath: string;
  sold?: boolean;
  trackCount?: number;
  hasArtwork?: boolean;
};

type Look = Omit<EmbedOptions, "lang"> & { lang: EmbedOptions["lang"] | null };
const DEFAULT_LOOK: Look = {
  theme: "auto",
  layout: "large",
  artwork: "large",
  tracklist: true,
  bg: null,
  accent: null,
  lang: null,
};

const select = "mt-1 block w-full rounded-md border border-stone-300 bg-white px-2 py-1.5 text-sm";

/** What can be embedded as each widget: players need a release or track, buy buttons anything for sale. */
function choices(kind: EmbedKind, items: BuilderItem[]) {
  if (kind === "release") return items.filter((i) => i.kind === "release");
  if (kind === "track") return items.filter((i) => i.kind === "track");
  if (kind === "buy") return items.filter((i) => i.kind !== "track" || i.sold);
  return [];
}

/** Starts on a release player (the one asked for, else the newest) when the band has one: what most bands want first. */
export function EmbedBuilder({
  appUrl,
  artistSlug,
  artistName,
  items,
  initialRelease,
}: {
  appUrl: string;
  artistSlug: string;
  artistName: string;
  items: BuilderItem[];
  initialRelease?: string;
}) {
  const t = useTranslations("embed.builder");
  const releases = items.filter((i) => i.kind === "release");
  const [kind, setKind] = useState<EmbedKind>(releases.length ? "release" : "shop");
  const [itemId, setItemId] = useState<string>(
    releases.find((i) => i.id === initialRelease)?.id ?? releases[0]?.id ?? "",
  );
  const [look, setLook] = useState<Look>(DEFAULT_LOOK);
  const [clickToLoad, setClickToLoad] = useState(false);
  const list = choices(kind, items);
  const item = kind === "shop" ? null : (list.find((i) => i.id === itemId) ?? list[0] ?? null);
  const set = <K extends keyof Look>(key: K, value: Look[K]) => setLook((current) => ({ ...current, [key]: value }));

  const result = useMemo(() => {
    if (kind !== "shop" && !item) return null;
    const id = kind === "shop" ? artistSlug : item!.id;
    const { lang, ...rest } = look;
    const src = new URL(
      `/embed/${kind}/${encodeURIComponent(id)}${optionsQuery(lang ? { ...rest, lang } : rest)}`,
      appUrl,
    ).href;
    // A release without a picture shows none, so its player has the short header.
    const artwork = item && item.hasArtwork === false ? "none" : look.artwork;
    const height = embedHeight(kind, { ...look, artwork }, kind === "release" ? item!.trackCount : undefined);
    const title = kind === "shop" ? artistName : `${item!.title} — ${artistName}`;
    const pageUrl = new URL(kind === "shop" || !item ? `/${artistSlug}` : item.pagePath, appUrl).href;
    const snippet = { src, height, title };
    return {
      src,
      height,
      pageUrl,
      iframe: iframeSnippet(snippet),
      loader: loaderSnippet(appUrl, snippet, { clickToLoad, fallbackHref: pageUrl }),
    };
  }, [kind, item, look, clickToLoad, appUrl, artistSlug, artistName]);

  const kinds: [EmbedKind, string][] = [
    ["shop", t("whatShop")],
    ["release", t("whatRelease")],
    ["track", t("whatTrack")],
    ["buy", t("whatBuy")],
  ];
  const kindLabel = { release: t("kindRelease"), track: t("kindTrack"), product: t("kindProduct") };

  return (
    <div className="space-y-6" data-testid="embed-builder">
      <section className="grid gap-4 rounded-lg border border-line bg-white p-6 text-sm sm:grid-cols-2">
        <fieldset className="sm:col-span-2">
          <legend className="font-semibold">{t("what")}</legend>
          <div className="mt-2 flex flex-wrap gap-2">
            {kinds.map(([value, label]) => (
              <label
                key={value}
                className={`cursor-pointer rounded-md border px-3 py-1.5 ${kind === value ? "border-ink bg-ink text-white" : "border-stone-300"}`}
              >
                <input
                  type="radio"
                  name="kind"
                  value={value}
                  checked={kind === value}
                  onChange={() => setKind(value)}
                  className="sr-only"
                />
                {label}
              </label>
            ))}
          </div>
        </fieldset>
        {kind !== "shop" && (
          <label className="sm:col-span-2">
            {t("item")}
            {list.length ? (
              <select className={select} value={item?.id ?? ""} onChange={(e) => setItemId(e.target.value)}>
                {list.map((i) => (
                  <option key={i.id} value={i.id}>
                    {kind === "buy" ? `${kindLabel[i.kind]} · ` : ""}
                    {i.title}
                  </option>
                ))}
              </select>
            ) : (
              <p className="mt-1 text-muted">{t("noItems")}</p>
            )}
          </label>
        )}
        <label>
          {t("theme")}
          <select className={select} value={look.theme} onChange={(e) => set("theme", e.target.value as Look["theme"])}>
            <option value="auto">{t("themeAuto")}</option>
            <option value="light">{t("themeLight")}</option>
            <option value="dark">{t("themeDark")}</option>
          </select>
        </label>
        <label>
          {t("layout")}
          <select
            className={select}
            value={look.layout}
            onChange={(e) => set("layout", e.target.value as Look["layout"])}
          >
            <option value="large">{t("layoutLarge")}</option>
            <option value="compact">{t("layoutCompact")}</option>
            <option value="slim">{t("layoutSlim")}</option>
          </select>
        </label>
        <label>
          {t("artwork")}
          <select
            className={select}
            value={look.artwork}
            onChange={(e) => set("artwork", e.target.value as Look["artwork"])}
          >
            <option value="large">{t("artworkLarge")}</option>
            <option value="small">{t("artworkSmall")}</option>
            <option value="none">{t("artworkNone")}</option>
          </select>
        </label>
        <label>
          {t("language")}
          <select
            className={select}
            value={look.lang ?? ""}
            onChange={(e) => set("lang", isLocale(e.target.value) ? e.target.value : null)}
          >
            <option value="">{t("languageVisitor")}</option>
            {/* Widgets are fan-facing: every language, each in its own name. */}
            {LOCALES.map((code) => (
              <option key={code} value={code} lang={code}>
                {LOCALE_NAMES[code]}
              </option>
            ))}
          </select>
        </label>
        <ColorField
          label={t("background")}
          defaultLabel={t("useDefault")}
          value={look.bg}
          onChange={(v) => set("bg", v)}
          fallback="#ffffff"
        />
        <ColorField
          label={t("accent")}
          defaultLabel={t("useDefault")}
          value={look.accent}
          onChange={(v) => set("accent", v)}
          fallback="#b4442c"
        />
        {kind === "release" && (
          <label className="flex items-center gap-2">
            <input type="checkbox" checked={look.tracklist} onChange={(e) => set("tracklist", e.target.checked)} />
            {t("tracklist")}
          </label>
        )}
      </section>

      {result && (
        <>
          <section className="space-y-2">
            <h2 className="text-sm font-semibold">{t("preview", { height: result.height })}</h2>
            <div className="rounded-lg border border-dashed border-stone-300 bg-stone-100 p-4">
              <iframe
                key={result.src}
                src={result.src}
                title={t("preview", { height: result.height })}
                style={{ display: "block", width: "100%", maxWidth: 700, height: result.height, border: 0 }}
                data-testid="embed-preview"
              />
            </div>
          </section>
          <CopyField
            label={t("iframeCode")}
            hint={t("iframeHint")}
            value={result.iframe}
            testId="snippet-iframe"
            copy={t("copy")}
            copied={t("copied")}
          />
          <div className="space-y-2">
            <CopyField
              label={t("loaderCode")}
              hint={t("loaderHint")}
              value={result.loader}
              testId="snippet-loader"
              copy={t("copy")}
              copied={t("copied")}
            />
            <label className="flex items-center gap-2 text-sm">
              <input type="checkbox" checked={clickToLoad} onChange={(e) => setClickToLoad(e.target.checked)} />
              {t("clickToLoad")}
            </label>
          </div>
          <CopyField
            label={t("plainUrl")}
            value={kind === "buy" ? result.src : result.pageUrl}
            testId="snippet-url"
            copy={t("copy")}
            copied={t("copied")}
          />
        </>
      )}
    </div>
  );
}

function ColorField({
  label,
  defaultLabel,
  value,
  onChange,
  fallback,
}: {
  label: string;
  defaultLabel: string;
  value: string | null;
  onChange: (v: string | null) => void;
  fallback: string;
}) {
  return (
    <div>
      <span>{label}</span>
      <div className="mt-1 flex items-center gap-3">
        <label className="flex items-center gap-1.5">
          <input
            type="checkbox"
            checked={value === null}
            onChange={(e) => onChange(e.target.checked ? null : fallback)}
          />
          {defaultLabel}
        </label>
        <input
          type="color"
          aria-label={label}
          value={value ?? fallback}
          disabled={value === null}
          onChange={(e) => onChange(e.target.value)}
          className="h-8 w-12 rounded border border-stone-300"
        />
      </div>
    </div>
  );
}
