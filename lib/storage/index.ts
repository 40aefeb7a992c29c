import { storage } from "./current";

export { setStorageForTests, storage } from "./current";
export { fastFileToken, fileResponse, planFile, serveFileNode, type FilePlan } from "./file-serve";
export { isValidKey } from "./keys";
export { FILE_URL_PREFIX, verifyFileToken, type FileToken, type FileTokenCheck } from "./file-token";
export {
  IMMUTABLE,
  TooLargeError,
  type ByteRange,
  type SignedUrlOptions,
  type StorageDriver,
  type StoredFile,
} from "./types";

// Short names for the common calls.
export const putFile = (key: string, data: Buffer, contentType?: string) => storage().put(key, data, contentType);
export const statFile = (key: string) => storage().stat(key);
export const deleteFile = (key: string) => storage().delete(key);
export const readFile = (key: string, range?: { start: number; end: number }) => storage().read(key, range);
