export { issueCreditNote, issueReceipt, receiptOf } from "./issue";
export { documentNumber } from "./numbering";
export { renderDocumentPdf, type DocumentParties } from "./pdf";
export {
  documentLinksFor,
  documentPdfResponse,
  findOrderDocument,
  listOrderDocuments,
  sellerVatOf,
  type DocumentLink,
} from "./read";
