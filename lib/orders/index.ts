export { addToCart, emptyCart, findCart, loadPricedCart, setCartCountry, updateCartItem, MAX_QUANTITY, type AddItem, type CartError, type CartResult } from "./cart";
export { priceCart, type PricedCart, type PricedLine, type LineProblem } from "./cart-pricing";
export { cancelOrder, expireStaleOrders, type CancelReason } from "./cancel";
export { startCheckout, successUrl, CHECKOUT_MINUTES, type CheckoutError, type CheckoutResult } from "./checkout";
export { fulfillOrder, DOWNLOAD_TOKEN_PURPOSE, type FulfilResult } from "./fulfil";
export { recordRefundTotal, refundOrder, type RefundError } from "./refunds";
export { formatAddress, orderRows } from "./receipt";
export * from "./pricing";
export { quoteShipping, zoneFor, countryCodes, isCountryCode, EUROPE, type ZoneRate, type ShippingQuote } from "./shipping";
