export {
  computeDiscount,
  discountedUnits,
  lineIsEligible,
  type DiscountRule,
  type DiscountSplit,
  type DiscountableLine,
} from "./compute";
export {
  checkDiscount,
  findDiscountCode,
  getDiscountCodeById,
  normalizeDiscountCode,
  type DiscountCheck,
  type DiscountRefusal,
} from "./rules";
export { priceDiscount, type AppliedDiscount } from "./apply";
export {
  createDiscountCode,
  deleteDiscountCode,
  listDiscountCodes,
  parseDiscountForm,
  updateDiscountCode,
  type DiscountField,
  type DiscountInput,
  type DiscountParse,
  type UpdateDiscountResult,
} from "./manage";
export { discountItemChoices, type DiscountItemChoice } from "./items";
export { claimDiscountUse, releaseDiscountUse } from "./uses";
