export { accountKey, ensureAccount, normalizeEmail, scopeKey, type AccountSpec, type Scope } from "./accounts";
export { cardScope, issueCard, redeemCardCode, type IssueCardInput, type RedeemResult } from "./cards";
export { formatGiftCode, giftCodeHash, isGiftCodeShape, newGiftCode, normalizeCode, unsealGiftCode } from "./codes";
export { checkLedger, InsufficientCredit, ledgerTotals, move, type LedgerCheck, type MoveRefs } from "./ledger";
export {
  addToTotals,
  BOUNDED_KINDS,
  checkMove,
  emptyTotals,
  isBounded,
  MOVES,
  planMove,
  type LedgerTotals,
  type MovePlan,
} from "./moves";
export { cardExpiry, cardValidityMonths, MIN_CARD_VALIDITY_MONTHS } from "./validity";
export { GIFT_MESSAGE_MAX, parseGiftForm, type GiftForm, type GiftFormField } from "./gift-form";
export {
  cancelCreditPurchase,
  expireStaleCreditPurchases,
  onCreditChargeRefunded,
  onCreditCheckoutCompleted,
  onCreditCheckoutExpired,
  onCreditDisputeCreated,
} from "./stripe-events";
export {
  creditAmountLimits,
  fulfillCreditPurchase,
  startCreditPurchase,
  type CreditFulfillResult,
  type CreditPurchaseInput,
  type CreditPurchaseResult,
} from "./purchases";
export {
  cardApplicationFee,
  creditPayoutAmount,
  planSpend,
  splitRefund,
  type SpendPlan,
  type SpendSource,
} from "./spend-plan";
export { programAllows, spendableBalances, type ProgramCheck, type SpendableBalance } from "./spendable";
export { holdOrderCredit, refundOrderCredit, releaseOrderCredit, spendOrderCredit } from "./order-credit";
export { createCreditPayout, reverseCreditPayout, reverseDueCreditPayouts, sendCreditPayouts } from "./payouts";
export { fanActivity, fanBalances, type FanActivity, type FanBalance } from "./balances";
export { giftCardByPageToken, type GiftCardPage } from "./card-page";
export { afterGiftIssued, deliverDueGiftCards, deliverGiftCard, describeCard, describeCardIn } from "./delivery";
export { expireCards } from "./expiry";
export { freezeCreditPurchase, type FreezeResult } from "./freeze";
export { checkRedeemLink, redeemCredit, redeemLimits, type RedeemCreditResult, type RedeemLinkCheck } from "./redeem";
export { giftCardPageUrl, redeemCreditUrl } from "./urls";
export { creditPurchaseBySession, purchaseCards } from "./lookup";
export {
  createEligibilityCodes,
  eligibilityCodeHash,
  enrolWithCode,
  programSponsorName,
  unsealEligibilityCode,
  type EnrolResult,
} from "./programs";
export { matchTopUp, type Match } from "./matching";
export { expireEndedPrograms } from "./program-end";
