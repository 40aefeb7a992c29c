import type { Env } from "../env";
import type { StorageDriver } from "./types";

/** S3-compatible storage. Implemented in the catalogue work; see README "Configuration". */
export function s3Driver(_config: Env): StorageDriver {
  throw new Error("STORAGE_DRIVER=s3 is not available yet");
}
