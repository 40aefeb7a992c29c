/** What other lib folders use of downloads: the worker builds prepared album zips. */
export { buildArchive } from "./archives";
