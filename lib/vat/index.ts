export { allocate, formatRate, vatIncluded, vatOfLines } from "./amounts";
export { decideCountry, withCardCountry, type EvidenceDecision, type EvidenceInput } from "./evidence";
export { netOfVat, orderVat, type OrderVat, type VatLine, type VatLineInput } from "./order-vat";
export { EU_COUNTRIES, isVatCountry, VAT_RATES, VAT_TABLE_CHECKED, vatRateFor } from "./rates";
export {
  checkVatNumber,
  defaultVatMention,
  parseVatRatePercent,
  VAT_NUMBER_PREFIXES,
  type VatNumberCheck,
} from "./vat-number";
