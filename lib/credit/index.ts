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
export { cardExpiry, MIN_CARD_VALIDITY_MONTHS } from "./validity";
export { cancelCreditPurchase, onCreditCheckoutCompleted, onCreditCheckoutExpired } from "./stripe-events";
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
export { createCreditPayout, reverseCreditPayout, sendCreditPayouts } from "./payouts";
export { fanBalances, type FanBalance } from "./fan-balances";
