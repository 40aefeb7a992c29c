/** A fan's collection: what they own, their wishlist, their public page, whole-collection downloads and CSV. */
export { COLLECTION_CSV_HEADER, collectionCsv } from "./csv";
export {
  advanceCollectionExport,
  EXPORT_LINK_DAYS,
  latestCollectionExport,
  requestCollectionExport,
  resumeCollectionExports,
  runCollectionExportJob,
  type ExportRequest,
  type ExportStep,
} from "./exports";
export { ownedItems, type OwnedItem } from "./owned";
export {
  DISPLAY_NAME_MAX,
  fanProfile,
  publicCollection,
  setPublicCollection,
  type PublicCollection,
  type PublicPageChange,
  type PublicPageError,
} from "./profile";
export { isWishlisted, listWishlist, setWishlisted, wishableRelease, type WishlistRelease } from "./wishlist";
