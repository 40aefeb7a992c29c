export { approximatePrice, convert, formatApproximate, freshRates, MAX_RATE_AGE_DAYS } from "./convert";
export { currencyOfCountry, regionOfAcceptLanguage, visitorCurrency } from "./currency";
export { parseEcbRates, type ParsedRates, type Rates } from "./ecb";
