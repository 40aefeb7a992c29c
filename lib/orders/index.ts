export {
  addToCart,
  cartItemCount,
  confirmCartCountry,
  emptyCart,
  findCart,
  loadPricedCart,
  setCartCountry,
  updateCartItem,
  MAX_QUANTITY,
  type AddItem,
  type CartError,
  type CartResult,
} from "./cart";
export { cartVat, grossOfLines, sellerVatOf, vatByRate } from "./cart-vat";
export { priceCart, type PricedCart, type PricedLine, type LineProblem } from "./cart-pricing";
export { cancelOrder, expireStaleOrders, type CancelReason } from "./cancel";
export { checkoutCountry } from "./checkout-country";
export { cartCredit, digitalTotal, type CartCredit } from "./checkout-credit";
export { startCheckout, successUrl, CHECKOUT_MINUTES, type CheckoutError, type CheckoutResult } from "./checkout";
export { fulfillOrder, DOWNLOAD_TOKEN_PURPOSE, type FulfillResult } from "./fulfill";
export { recordRefundTotal, refundOrder, type RefundError } from "./refunds";
export { formatAddress, orderRows } from "./receipt";
export { releaseOffers, canTakePayments, type ReleaseOffers } from "./offers";
export { orderBySession } from "./session";
export { abandonCheckout } from "./abandon";
export { applyDiscountToCart, removeDiscountFromCart, type ApplyDiscountResult } from "./cart-discount";
export { createDownloadGrant, downloadPageUrl, revokeOrderGrants, type GrantItem } from "./download-grants";
export { redeemCode, redeemLimit, type RedeemResult } from "./redeem-code";
export {
  processStripeEvent,
  receiveStripeWebhook,
  type EventResult,
  type WebhookOutcome,
} from "./payment-events/webhook";
export { startGiftCheckout, checkGift, giftErrorField, GIFT_MESSAGE_MAX, GIFT_NAME_MAX } from "./gift-order";
export type { GiftCheckoutResult, GiftError, GiftField, GiftRequest } from "./gift-order";
export { deliverDueGifts, deliverGift } from "./gift-delivery";
export { giftGrantEmail, giftPageToken, giftPageUrl, orderIdOfGiftToken } from "./gift-page";
export { giftDay } from "./gift-receipt";
export { dateIn, yearAfter } from "./gift-dates";
