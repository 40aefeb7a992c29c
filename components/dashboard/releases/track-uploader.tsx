"use client";

import { useTranslations } from "next-intl";
import { useRouter } from "next/navigation";
import { useRef, useState } from "react";
import { naturalNameOrder } from "@/lib/catalog/upload-order";

type Upload = {
  id: number;
  name: string;
  percent: number;
  state: "uploading" | "checking" | "done" | "error" | "canceled";
  message?: string;
  xhr?: XMLHttpRequest;
};

/**
 * Several masters at once, each its own request with a real progress bar and a cancel button.
 * The server decides by the bytes; its message is shown as it is.
 */
export function TrackUploader({ releaseId, maxLabel }: { releaseId: string; maxLabel: string }) {
  const t = useTranslations("catalog.upload");
  const tf = useTranslations("firstRun.release");
  const router = useRouter();
  const [uploads, setUploads] = useState<Upload[]>([]);
  const [dragging, setDragging] = useState(false);
  const nextId = useRef(1);
  const input = useRef<HTMLInputElement>(null);

  const patch = (id: number, change: Partial<Upload>) =>
    setUploads((list) => list.map((u) => (u.id === id ? { ...u, ...change } : u)));

  function send(file: File, batch: number, index: number) {
    const id = nextId.current++;
    const xhr = new XMLHttpRequest();
    setUploads((list) => [...list, { id, name: file.name, percent: 0, state: "uploading", xhr }]);
    xhr.open("POST", `/api/uploads/track?releaseId=${encodeURIComponent(releaseId)}`);
    xhr.setRequestHeader("X-Filename", encodeURIComponent(file.name));
    xhr.setRequestHeader("Content-Type", "application/octet-stream");
    xhr.setRequestHeader("X-Upload-Batch", String(batch));
    xhr.setRequestHeader("X-Upload-Index", String(index));
    xhr.upload.onprogress = (event) => {
      if (event.lengthComputable) patch(id, { percent: Math.round((event.loaded / event.total) * 100) });
    };
    xhr.upload.onload = () => patch(id, { percent: 100, state: "checking" });
    xhr.onload = () => {
      let body: { error?: string; note?: string | null } = {};
      try {
        body = JSON.parse(xhr.responseText);
      } catch {
        // A proxy's HTML error page: fall back to the generic message.
      }
      if (xhr.status === 201) patch(id, { state: "done", percent: 100, message: body.note ?? undefined });
      else patch(id, { state: "error", message: body.error ?? t("networkError") });
      router.refresh();
    };
    xhr.onerror = () => patch(id, { state: "error", message: t("networkError") });
    xhr.onabort = () => patch(id, { state: "canceled" });
    xhr.send(file);
  }

  function sendAll(files: FileList | null) {
    if (!files) return;
    // Their place is fixed now, by name (the server puts tagged track numbers first), whichever finishes first.
    const batch = Date.now();
    Array.from(files)
      .sort((a, b) => naturalNameOrder(a.name, b.name))
      .forEach((file, index) => send(file, batch, index));
    if (input.current) input.current.value = "";
  }

  return (
    <div className="space-y-3">
      <div
        onDragOver={(e) => {
          e.preventDefault();
          setDragging(true);
        }}
        onDragLeave={() => setDragging(false)}
        onDrop={(e) => {
          e.preventDefault();
          setDragging(false);
          sendAll(e.dataTransfer.files);
        }}
        className={`flex flex-col items-center justify-center gap-2 rounded-lg border-2 border-dashed px-6 py-8 text-center text-sm ${dragging ? "border-ink bg-stone-100" : "border-stone-300"}`}
        data-testid="drop-zone"
      >
        <p className="font-medium">{t("drop")}</p>
        <p className="text-muted">{t("or")}</p>
        <label className="cursor-pointer rounded-md border border-stone-300 bg-white px-4 py-2 font-medium hover:bg-stone-50 focus-within:ring-2 focus-within:ring-ink">
          {t("choose")}
          <input
            ref={input}
            type="file"
            multiple
            accept=".wav,.flac,.aif,.aiff,.m4a,.mp3,audio/*"
            className="sr-only"
            data-testid="track-files"
            onChange={(e) => sendAll(e.currentTarget.files)}
          />
        </label>
        <p className="text-xs text-muted">{t("hint", { max: maxLabel })}</p>
      </div>
      {uploads.length > 0 && (
        <ul
          className="divide-y divide-line rounded-lg border border-line bg-white"
          aria-live="polite"
          data-testid="uploads"
        >
          {uploads.map((u) => (
            <li key={u.id} className="space-y-1.5 px-4 py-3 text-sm" data-testid="upload-row" data-state={u.state}>
              <div className="flex items-center justify-between gap-3">
                <span className="truncate font-medium">{u.name}</span>
                <span className="shrink-0 text-xs text-muted">
                  {u.state === "uploading" && t("uploading", { percent: u.percent })}
                  {u.state === "checking" && t("checking")}
                  {u.state === "done" && tf("processingNow")}
                  {u.state === "canceled" && t("canceled")}
                </span>
                {(u.state === "uploading" || u.state === "checking") && (
                  <button
                    type="button"
                    onClick={() => u.xhr?.abort()}
                    className="shrink-0 rounded px-2 py-0.5 text-xs underline hover:bg-stone-100"
                  >
                    {t("cancel")}
                  </button>
                )}
              </div>
              <progress
                max={100}
                value={u.percent}
                aria-label={t("progress", { name: u.name })}
                className="h-1.5 w-full accent-ink"
              />
              {u.message && (
                <p
                  role={u.state === "error" ? "alert" : undefined}
                  className={u.state === "error" ? "text-red-700" : "text-amber-800"}
                >
                  {u.message}
                </p>
              )}
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}
