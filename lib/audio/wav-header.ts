import { open } from "node:fs/promises";

/**
 * Where a WAV's data chunk says it ends, against what the file holds. Recorders and tools that
 * write to a pipe put a placeholder in the size fields and may never come back to fix it; ffmpeg
 * believes a small placeholder, so a five-minute take decodes as 45 ms. 0 and 0xFFFFFFFF are read
 * as "to the end" by ffmpeg already; any other size is wrong when the bytes right after the
 * declared end are not the header of a next chunk (a LIST or id3 chunk after the audio is normal).
 */
export type WavSizes = {
  riffSizeOffset: 4;
  dataSizeOffset: number;
  dataOffset: number;
  declared: number;
  fileSize: number;
};

const CHUNK_ID = /^[A-Za-z0-9 _-]{4}$/;

async function readAt(handle: Awaited<ReturnType<typeof open>>, position: number, length: number) {
  const buffer = Buffer.alloc(length);
  const { bytesRead } = await handle.read(buffer, 0, length, position);
  return buffer.subarray(0, bytesRead);
}

/** The data chunk of a RIFF/WAVE file whose declared size is short of the audio it holds, or null. */
export async function undercountedWavData(filePath: string): Promise<WavSizes | null> {
  const handle = await open(filePath, "r");
  try {
    const fileSize = (await handle.stat()).size;
    const head = await readAt(handle, 0, 12);
    if (head.length < 12 || head.toString("latin1", 0, 4) !== "RIFF" || head.toString("latin1", 8, 12) !== "WAVE")
      return null;
    let offset = 12;
    // The chunks before the audio (fmt, LIST, bext…) are small; a few hundred at most.
    for (let guard = 0; guard < 512 && offset + 8 <= fileSize; guard++) {
      const header = await readAt(handle, offset, 8);
      if (header.length < 8) return null;
      const id = header.toString("latin1", 0, 4);
      const size = header.readUInt32LE(4);
      if (id === "data") {
        const dataOffset = offset + 8;
        if (size === 0 || size === 0xffffffff) return null;
        const end = dataOffset + size + (size & 1);
        if (end + 8 > fileSize) return null;
        const next = await readAt(handle, end, 8);
        const nextId = next.toString("latin1", 0, 4);
        const honest = CHUNK_ID.test(nextId) && next.readUInt32LE(4) <= fileSize - end - 8;
        return honest ? null : { riffSizeOffset: 4, dataSizeOffset: offset + 4, dataOffset, declared: size, fileSize };
      }
      offset += 8 + size + (size & 1);
    }
    return null;
  } finally {
    await handle.close();
  }
}

/** Writes the real sizes into the header (in place): the audio runs to the end of the file. */
export async function repairWavSizes(filePath: string, sizes: WavSizes): Promise<void> {
  const handle = await open(filePath, "r+");
  try {
    const dataSize = Math.min(0xfffffffe, sizes.fileSize - sizes.dataOffset);
    const riffSize = Math.min(0xfffffffe, sizes.fileSize - 8);
    const buffer = Buffer.alloc(4);
    buffer.writeUInt32LE(riffSize);
    await handle.write(buffer, 0, 4, sizes.riffSizeOffset);
    buffer.writeUInt32LE(dataSize);
    await handle.write(buffer, 0, 4, sizes.dataSizeOffset);
  } finally {
    await handle.close();
  }
}
