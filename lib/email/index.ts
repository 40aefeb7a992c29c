export { listOutbox, outboxEnabled, sendEmail, type Email } from "./send";
export { escapeHtml, renderEmail } from "./render";
export { deliverQueuedEmails, deliverSoon, queueEmail, sendQueuedEmail } from "./queue";
