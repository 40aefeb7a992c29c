/**
 * The catalogue's public face for other lib folders: public reads of releases and tracks, and
 * the price fields shared with merch. The dashboard's pages import their own modules directly.
 */
export * from "./public";
export * from "./price-input";
export * from "./preorder";
