"use client";

import { useTranslations } from "next-intl";
import { useState, useTransition } from "react";
import { ConfirmDialog } from "./confirm-dialog";
import type { EditableTrack } from "./editable-track";
import { TrackEditor } from "./track-editor";

export type { EditableTrack } from "./editable-track";

type Actions = {
  reorder: (input: { releaseId: string; trackIds: string[] }) => Promise<{ ok: boolean; error?: string }>;
  update: Parameters<typeof TrackEditor>[0]["action"];
  remove: (form: FormData) => Promise<void>;
  retry: (form: FormData) => Promise<void>;
};

const badge = {
  processing: "bg-amber-50 text-amber-800",
  ready: "bg-emerald-50 text-emerald-800",
  failed: "bg-red-50 text-red-800",
};

/** The release's tracks: reorder by dragging or with the keyboard, edit inline, retry, delete. */
export function TrackList({
  releaseId,
  tracks,
  actions,
}: {
  releaseId: string;
  tracks: EditableTrack[];
  actions: Actions;
}) {
  const t = useTranslations("catalog");
  const [order, setOrder] = useState(tracks.map((tr) => tr.id));
  const [dragged, setDragged] = useState<string | null>(null);
  const [editing, setEditing] = useState<string | null>(null);
  const [announcement, setAnnouncement] = useState("");
  const [error, setError] = useState<string | null>(null);
  const [, startTransition] = useTransition();
  const byId = new Map(tracks.map((tr) => [tr.id, tr]));
  // Server data wins when the set of tracks changes (upload, delete): adjusted during render, as React advises.
  const key = tracks
    .map((tr) => tr.id)
    .sort()
    .join();
  const [orderOf, setOrderOf] = useState(key);
  if (orderOf !== key) {
    setOrderOf(key);
    setOrder(tracks.map((tr) => tr.id));
  }
  const visible = order.filter((id) => byId.has(id));

  function move(id: string, to: number) {
    const from = visible.indexOf(id);
    if (to < 0 || to >= visible.length || to === from) return;
    const next = [...visible];
    next.splice(from, 1);
    next.splice(to, 0, id);
    setOrder(next);
    setAnnouncement(t("track.moved", { title: byId.get(id)!.title, position: to + 1, count: next.length }));
    startTransition(async () => {
      const result = await actions.reorder({ releaseId, trackIds: next });
      setError(result.ok ? null : (result.error ?? null));
    });
  }

  const duration = (ms: number | null) =>
    ms === null ? "–" : `${Math.floor(ms / 60000)}:${String(Math.round(ms / 1000) % 60).padStart(2, "0")}`;

  if (visible.length === 0) return <p className="px-4 py-6 text-sm text-muted">{t("editor.noTracks")}</p>;
  return (
    <div>
      <p aria-live="polite" className="sr-only" data-testid="reorder-announcement">
        {announcement}
      </p>
      {error && (
        <p role="alert" className="px-4 py-2 text-sm text-red-700">
          {error}
        </p>
      )}
      <ol className="divide-y divide-line" data-testid="track-list">
        {visible.map((id, index) => {
          const track = byId.get(id)!;
          return (
            <li
              key={id}
              data-testid="track-row"
              data-track-id={id}
              onDragOver={(e) => dragged && dragged !== id && e.preventDefault()}
              onDrop={(e) => {
                e.preventDefault();
                if (dragged) move(dragged, index);
                setDragged(null);
              }}
              className={dragged === id ? "opacity-50" : undefined}
            >
              <div className="flex flex-wrap items-center gap-3 px-4 py-3 text-sm">
                <button
                  type="button"
                  draggable
                  onDragStart={(e) => {
                    setDragged(id);
                    e.dataTransfer.effectAllowed = "move";
                    e.dataTransfer.setData("text/plain", id);
                  }}
                  onDragEnd={() => setDragged(null)}
                  onKeyDown={(e) => {
                    if (e.key === "ArrowUp") {
                      e.preventDefault();
                      move(id, index - 1);
                    } else if (e.key === "ArrowDown") {
                      e.preventDefault();
                      move(id, index + 1);
                    }
                  }}
                  aria-label={t("track.dragHandle", { title: track.title })}
                  className="cursor-grab rounded px-1.5 py-1 text-muted hover:bg-stone-100"
                  data-testid="drag-handle"
                >
                  ⠿
                </button>
                <span className="w-6 text-right tabular-nums text-muted">{index + 1}</span>
                <span className="min-w-0 flex-1 basis-32 truncate font-medium" data-testid="track-title">
                  {track.title}
                </span>
                {!track.lossless && <span className="text-xs text-amber-800">{t("track.lossy")}</span>}
                <span className="tabular-nums text-muted">{duration(track.durationMs)}</span>
                <span className={`rounded-full px-2 py-0.5 text-xs ${badge[track.status]}`} data-testid="track-status">
                  {t(`track.status.${track.status}`)}
                </span>
                <span className="flex items-center gap-1">
                  <button
                    type="button"
                    onClick={() => move(id, index - 1)}
                    disabled={index === 0}
                    aria-label={t("track.moveUp", { title: track.title })}
                    className="rounded px-1.5 py-1 hover:bg-stone-100 disabled:opacity-30"
                  >
                    ↑
                  </button>
                  <button
                    type="button"
                    onClick={() => move(id, index + 1)}
                    disabled={index === visible.length - 1}
                    aria-label={t("track.moveDown", { title: track.title })}
                    className="rounded px-1.5 py-1 hover:bg-stone-100 disabled:opacity-30"
                  >
                    ↓
                  </button>
                  <button
                    type="button"
                    onClick={() => setEditing(editing === id ? null : id)}
                    aria-expanded={editing === id}
                    className="rounded px-2 py-1 underline-offset-2 hover:underline"
                  >
                    {editing === id ? t("track.close") : t("track.edit")}
                  </button>
                </span>
              </div>
              {(track.status === "failed" || track.stuck) && (
                <div className="flex items-center justify-between gap-3 px-4 pb-3 text-sm" data-testid="track-retry">
                  <p className={track.stuck ? "text-amber-800" : "text-red-700"}>
                    {track.stuck ? t("track.stuck") : track.statusError}
                  </p>
                  <form action={actions.retry}>
                    <input type="hidden" name="trackId" value={id} />
                    <button
                      type="submit"
                      className="rounded-md border border-stone-300 bg-white px-3 py-1 text-sm hover:bg-stone-50"
                    >
                      {t("track.retry")}
                    </button>
                  </form>
                </div>
              )}
              {editing === id && (
                <div className="border-t border-line">
                  <TrackEditor track={track} action={actions.update} />
                  <div className="flex justify-end bg-stone-50 px-4 pb-4">
                    <ConfirmDialog
                      trigger={t("track.delete")}
                      message={t("track.deleteConfirm", { title: track.title })}
                      confirmLabel={t("editor.confirmDelete")}
                      cancelLabel={t("editor.cancel")}
                      action={actions.remove}
                      fields={{ trackId: id }}
                    />
                  </div>
                </div>
              )}
            </li>
          );
        })}
      </ol>
    </div>
  );
}
