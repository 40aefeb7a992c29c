export { checkArtistAccess, type Access } from "./access";
export { CURRENCIES, isCurrency, type Currency } from "./currencies";
export {
  createArtist,
  getArtistBySlug,
  imageUrl,
  listArtistsForUser,
  suggestSlug,
  updateArtistProfile,
  type ImageUploads,
  type ProfileResult,
} from "./profile";
export { artistProfileSchema, parseLinks, type FieldErrors } from "./profile-input";
export { acceptInvite, inviteMember, listTeam, previewInvite, removeMember, revokeInvite } from "./invites";
export { RESERVED_SLUGS, checkSlug, slugify } from "./slug";
export { saveVatSettings, type VatFieldError, type VatSettingsInput, type VatSettingsResult } from "./vat-settings";
