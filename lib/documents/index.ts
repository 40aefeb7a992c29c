export { issueCreditNote, issueReceipt, receiptOf } from "./issue";
export { documentNumber } from "./numbering";
export { renderDocumentPdf, type DocumentParties } from "./pdf";
export { documentPdfResponse, findOrderDocument, listOrderDocuments, sellerVatOf } from "./read";
