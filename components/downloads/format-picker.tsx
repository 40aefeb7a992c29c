"use client";

import { useFormatter, useTranslations } from "next-intl";
import { useCallback, useEffect, useId, useState } from "react";
import type { FormatChoice } from "@/lib/downloads/page-data";
import { usePreparation, type Phase } from "./use-preparation";

/** One choice for every purchase on every page: a fan who wants FLAC wants it everywhere. */
const FORMAT_KEY = "merchtable:download-format";
const FORMAT_EVENT = "merchtable:download-format";

type Props = {
  title: string;
  formats: FormatChoice[];
  defaultFormat: FormatChoice["id"];
  /** Unix seconds after which the signed links on the page no longer work. */
  expiresAt: number;
};

/** Starts a download without leaving the page (the response is an attachment). */
function startDownload(href: string) {
  const link = document.createElement("a");
  link.href = href;
  link.download = "";
  document.body.append(link);
  link.click();
  link.remove();
}

const button = "inline-flex min-h-10 items-center justify-center gap-2 rounded-md px-4 py-2 text-sm font-medium";

export function FormatPicker({ title, formats, defaultFormat, expiresAt }: Props) {
  const t = useTranslations("downloads.page");
  const selectId = useId();
  const [formatId, setFormatId] = useState(defaultFormat);
  const format = formats.find((f) => f.id === formatId) ?? formats[0];

  useEffect(() => {
    const saved = window.localStorage.getItem(FORMAT_KEY);
    // The saved choice is read after hydration: the server cannot know it.
    if (saved && formats.some((f) => f.id === saved)) setFormatId(saved as FormatChoice["id"]);
  }, [formats]);

  const onReady = useCallback(
    (statusHref: string) => {
      const ready = formats.find((f) => f.statusHref === statusHref);
      if (ready && ready.id === format.id) startDownload(ready.href);
    },
    [formats, format.id],
  );
  const { phases, start } = usePreparation(onReady);

  // A choice made on one item applies to every item on the page that offers it.
  useEffect(() => {
    const follow = (event: Event) => {
      const id = (event as CustomEvent<string>).detail;
      if (formats.some((f) => f.id === id)) setFormatId(id as FormatChoice["id"]);
    };
    window.addEventListener(FORMAT_EVENT, follow);
    return () => window.removeEventListener(FORMAT_EVENT, follow);
  }, [formats]);

  const choose = (id: string) => {
    setFormatId(id as FormatChoice["id"]);
    window.localStorage.setItem(FORMAT_KEY, id);
    window.dispatchEvent(new CustomEvent(FORMAT_EVENT, { detail: id }));
  };

  /** Links are signed for an hour: past that, reloading the page is the way to fresh ones. */
  const stale = () => Date.now() / 1000 > expiresAt - 30;
  const phase: Phase =
    phases[format.statusHref] ?? (format.complete ? { kind: "ready", size: format.size } : { kind: "idle" });
  const busy = phase.kind === "starting" || phase.kind === "preparing";

  return (
    <div className="flex max-w-md flex-col gap-3" data-testid="format-picker">
      <div className="flex flex-wrap items-end gap-2">
        <div className="min-w-40 flex-1 sm:flex-none">
          <label htmlFor={selectId} className="mb-1 block text-xs font-semibold uppercase tracking-wide text-muted">
            {t("format")}
          </label>
          <select
            id={selectId}
            value={format.id}
            onChange={(event) => choose(event.target.value)}
            aria-describedby={`${selectId}-status`}
            className="block h-10 w-full rounded-md border border-stone-300 bg-white px-3 text-sm focus:border-ink focus:outline-none"
            data-testid="format-select"
          >
            {formats.map((f) => (
              <option key={f.id} value={f.id}>
                {f.lossless ? t("losslessOption", { label: f.label }) : f.label}
              </option>
            ))}
          </select>
        </div>
        {phase.kind === "ready" ? (
          <a
            href={format.href}
            download
            onClick={(event) => {
              if (!stale()) return;
              event.preventDefault();
              window.location.reload();
            }}
            className={`${button} bg-accent text-on-accent hover:opacity-90`}
            aria-label={`${t("download")} ${title} (${format.label})`}
            data-testid="download-link"
            data-format={format.id}
          >
            <DownloadIcon />
            {t("download")}
          </a>
        ) : (
          <button
            type="button"
            disabled={busy}
            onClick={() => (stale() ? window.location.reload() : start(format.statusHref, phase.kind === "failed"))}
            className={`${button} bg-accent text-on-accent hover:opacity-90 disabled:cursor-progress disabled:opacity-70`}
            aria-label={`${phase.kind === "failed" || phase.kind === "error" ? t("retry") : t("download")} ${title} (${format.label})`}
            data-testid="download-button"
          >
            {busy ? <Spinner /> : <DownloadIcon />}
            {phase.kind === "failed" || phase.kind === "error" ? t("retry") : t("download")}
          </button>
        )}
      </div>
      <Progress
        id={`${selectId}-status`}
        phase={phase}
        label={format.label}
        justPrepared={phases[format.statusHref]?.kind === "ready"}
      />
    </div>
  );
}

function Progress({
  id,
  phase,
  label,
  justPrepared,
}: {
  id: string;
  phase: Phase;
  label: string;
  justPrepared: boolean;
}) {
  const t = useTranslations("downloads.page");
  const formatter = useFormatter();
  /** "212 MB": decimal units, as browsers and file managers show download sizes. */
  const bytes = (n: number) => {
    const [value, unit] = n >= 1e9 ? [n / 1e9, "gigabyte"] : n >= 1e6 ? [n / 1e6, "megabyte"] : [n / 1e3, "kilobyte"];
    return formatter.number(value, { style: "unit", unit, maximumFractionDigits: value < 10 ? 1 : 0 });
  };
  const message = {
    idle: t("madeOnRequest"),
    starting: t("starting", { format: label }),
    preparing:
      phase.kind !== "preparing"
        ? ""
        : phase.step === "archive"
          ? t("packing", { format: label })
          : t("preparing", { format: label, ready: phase.ready, total: phase.total }),
    ready: justPrepared ? t("ready", { format: label }) : t("readyHint"),
    failed: t("failed", { format: label }),
    error: phase.kind === "error" ? (phase.message ?? t("networkError")) : "",
  }[phase.kind];
  // Packing the zip is the last tenth of the bar: the files are the slow part.
  const share =
    phase.kind === "preparing" && phase.total > 0
      ? phase.step === "archive"
        ? 0.9
        : (0.9 * phase.ready) / phase.total
      : phase.kind === "ready"
        ? 1
        : 0;
  const problem = phase.kind === "failed" || phase.kind === "error";
  return (
    <div id={id} className="space-y-1.5">
      {(phase.kind === "starting" || phase.kind === "preparing") && (
        <div className="h-1.5 overflow-hidden rounded-full bg-stone-200" aria-hidden>
          <div
            className="h-full rounded-full bg-accent-text transition-[width] duration-500"
            style={{ width: `${Math.max(4, share * 100)}%` }}
          />
        </div>
      )}
      <p
        role={problem ? "alert" : "status"}
        className={`text-xs ${problem ? "text-red-700" : "text-muted"}`}
        data-testid="download-status"
        data-phase={phase.kind}
      >
        {message}
      </p>
      {phase.kind === "ready" && phase.size !== null && (
        <p className="text-xs text-muted" data-testid="download-size" data-size={phase.size}>
          {t("readySize", { format: label, size: bytes(phase.size) })}
        </p>
      )}
    </div>
  );
}

function DownloadIcon() {
  return (
    <svg viewBox="0 0 20 20" fill="currentColor" aria-hidden className="size-4">
      <path d="M10 2.75a.75.75 0 0 1 .75.75v7.69l2.47-2.47a.75.75 0 1 1 1.06 1.06l-3.75 3.75a.75.75 0 0 1-1.06 0L5.72 9.78a.75.75 0 0 1 1.06-1.06l2.47 2.47V3.5a.75.75 0 0 1 .75-.75ZM3.5 14.25a.75.75 0 0 1 .75.75v.75c0 .41.34.75.75.75h10a.75.75 0 0 0 .75-.75V15a.75.75 0 0 1 1.5 0v.75A2.25 2.25 0 0 1 15 18H5a2.25 2.25 0 0 1-2.25-2.25V15a.75.75 0 0 1 .75-.75Z" />
    </svg>
  );
}

function Spinner() {
  return <span aria-hidden className="size-4 animate-spin rounded-full border-2 border-current border-r-transparent" />;
}
