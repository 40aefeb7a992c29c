import { env } from "@/lib/env";
import { localDriver } from "./local";
import type { StorageDriver } from "./types";

let driver: StorageDriver | undefined;

/**
 * The configured storage: local disk under STORAGE_DIR (default), or S3-compatible object storage
 * when STORAGE_DRIVER=s3.
 */
export function storage(): StorageDriver {
  if (driver) return driver;
  const config = env();
  if (config.STORAGE_DRIVER === "s3") {
    // Loaded only when chosen, so local runs never load the AWS SDK.
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const { s3Driver } = require("./s3") as typeof import("./s3");
    driver = s3Driver(config);
  } else {
    driver = localDriver(config.STORAGE_DIR);
  }
  return driver;
}

/** Tests point storage somewhere else. */
export function setStorageForTests(next: StorageDriver | undefined) {
  driver = next;
}
