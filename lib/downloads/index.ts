/** What other lib folders use of downloads: the worker builds prepared album zips; exports sign file links. */
export { buildArchive } from "./archives";
export { loadGrantContents, type DownloadItem, type GrantContents } from "./contents";
export { fileLinkPath, signFileLink } from "./links";
export { itemProgress, type ItemProgress } from "./serve";
