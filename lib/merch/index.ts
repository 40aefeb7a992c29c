/** Merch: physical products with options and photos, and the band's shipping rates. */
export { MAX_OPTIONS, MAX_PHOTOS, PRODUCT_KINDS } from "./input";
export type { FieldErrors } from "./input";
export type { PhotoProblem, PhotoUpload } from "./photos";
export { photoUrls } from "./photos";
export { createProduct, deleteProduct, listProductsForArtist, productOfArtist, updateProduct } from "./products";
export type { PhotoChanges, ProductResult, ProductSummary, ProductWithOptions } from "./products";
export { getPublishedProduct, listPublishedProducts } from "./public";
export type { PublicProduct, PublicProductOption } from "./public";
export { getShippingSettings, saveShippingSettings } from "./shipping";
export type { ShippingResult, ShippingSettings } from "./shipping";
export { SHIPPING_ZONES } from "./shipping-input";
