import { afterAll, beforeAll } from "vitest";
import { parseEnv } from "@/lib/env";
import { setStorageForTests, storage, type StorageDriver } from "@/lib/storage";
import { s3Driver } from "@/lib/storage/s3";
import { standInSettings, startS3StandIn, type S3StandIn } from "./s3-stand-in";

export type S3Storage = {
  s3: S3StandIn;
  /** Keys signed since the file started, in order: a refusal must add none. */
  signed: string[];
  /** The clock the stand-in checks presigned URLs against; tests move it to make URLs expire. */
  clock: { now: Date };
};

/**
 * Object storage for one test file: the app's S3 driver talking to the stand-in, with every
 * signedUrl call recorded. Restores the previous storage when the file is done.
 */
export function useS3Storage(): S3Storage {
  const state = { signed: [] as string[], clock: { now: new Date() } } as S3Storage;
  let previous: StorageDriver;
  beforeAll(async () => {
    state.s3 = await startS3StandIn({ now: () => state.clock.now });
    const real = s3Driver(
      parseEnv({
        ...standInSettings(state.s3),
      }),
    );
    previous = storage();
    setStorageForTests({
      ...real,
      signedUrl: async (key, options) => {
        state.signed.push(key);
        return real.signedUrl(key, options);
      },
    });
  });
  afterAll(async () => {
    setStorageForTests(previous);
    await state.s3?.close();
  });
  return state;
}
