export { CODE_ALPHABET, CODE_LENGTH, formatCode, newCode, normalizeCode } from "./generate";
export {
  createCodeBatch,
  getCodeBatch,
  listBatchCodes,
  listCodeBatches,
  MAX_BATCH,
  type BatchSummary,
  type CreateBatchResult,
} from "./batches";
export {
  countBatchCodes,
  deleteCodeBatch,
  MAX_LABEL,
  renameCodeBatch,
  type DeleteBatchResult,
  type RenameBatchResult,
} from "./manage";
export { codesCsv, redeemUrl } from "./csv";
