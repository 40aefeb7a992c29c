import { isSmallArtwork, MB, sizeMb } from "@/lib/images/limits";

/**
 * Checks made in the browser the moment pictures are chosen, before anything is sent: the same
 * limit and the same message as the server's (lib/images/limits.ts), so a band never waits for a
 * large upload to learn it was too large.
 */
export function oversizedFile(
  input: HTMLInputElement,
  maxMb: number,
): { name: string; size: number; max: number } | null {
  const file = Array.from(input.files ?? []).find((f) => f.size > maxMb * MB);
  return file ? { name: file.name, size: sizeMb(file.size), max: maxMb } : null;
}

/** The pixel size of a chosen picture when it is smaller than recommended (null if fine or unreadable here). */
export async function smallArtwork(file: File | undefined): Promise<{ width: number; height: number } | null> {
  if (!file) return null;
  try {
    const bitmap = await createImageBitmap(file);
    const size = { width: bitmap.width, height: bitmap.height };
    bitmap.close();
    return isSmallArtwork(size) ? size : null;
  } catch {
    // A format this browser cannot decode: the server says it after the upload.
    return null;
  }
}
