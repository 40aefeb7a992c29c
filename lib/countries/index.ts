export * from "./codes";
export { EUROPE, quoteShipping, zoneFor, countryCodes, type ShippingQuote, type ZoneRate } from "./shipping-zones";
