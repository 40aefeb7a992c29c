export { CODE_ALPHABET, CODE_LENGTH, formatCode, newCode, normalizeCode } from "./generate";
export { createCodeBatch, getCodeBatch, listBatchCodes, listCodeBatches, MAX_BATCH, type BatchSummary, type CreateBatchResult } from "./batches";
export { codesCsv, redeemUrl } from "./csv";
export { redeemCode, redeemLimit, type RedeemResult } from "./redeem";
