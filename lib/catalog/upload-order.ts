/**
 * Tracks picked together keep the order they were picked in, however long each one takes to
 * upload and convert. The browser sends, with each file, when the batch started and the file's
 * place in it by name (natural sort: "2 intro" before "10 outro"); the server adds the tag's track
 * number once it has read the file. The key sorts as text: batch, then tag number (untagged
 * last), then name order.
 */
export type UploadPlace = { batch: number; index: number };

const pad = (n: number, width: number) => String(n).padStart(width, "0");
const UNTAGGED = 99_999;
/** Batches a browser can claim: a day either side of the server's clock. */
const BATCH_WINDOW_MS = 24 * 3600_000;
export const MAX_BATCH_FILES = 10_000;

/** Reads the X-Upload-Batch / X-Upload-Index headers; anything odd means "no place" (added at the end). */
export function parseUploadPlace(batch: string | null, index: string | null, now = Date.now()): UploadPlace | null {
  if (!batch || !index || !/^\d{1,15}$/.test(batch) || !/^\d{1,5}$/.test(index)) return null;
  const place = { batch: Number(batch), index: Number(index) };
  if (Math.abs(place.batch - now) > BATCH_WINDOW_MS || place.index >= MAX_BATCH_FILES) return null;
  return place;
}

export function uploadOrderKey(place: UploadPlace, trackNumber: number | undefined): string {
  const tag = trackNumber && trackNumber > 0 && trackNumber < UNTAGGED ? trackNumber : UNTAGGED;
  return `${pad(place.batch, 15)}:${pad(tag, 5)}:${pad(place.index, 5)}`;
}

/**
 * The position a new track takes: just before the first track (in the release's current order)
 * that was picked after it but arrived first; otherwise at the end.
 */
export function positionForUpload(
  existing: { position: number; uploadOrder: string | null }[],
  key: string | null,
): number {
  const sorted = [...existing].sort((a, b) => a.position - b.position);
  const end = (sorted.at(-1)?.position ?? 0) + 1;
  if (!key) return end;
  return sorted.find((t) => t.uploadOrder !== null && t.uploadOrder > key)?.position ?? end;
}

/** The order files are sent in, by name as a person reads it ("Track 2" before "Track 10"). */
export const naturalNameOrder = new Intl.Collator(undefined, { numeric: true, sensitivity: "base" }).compare;
