import { sql } from "drizzle-orm";
import {
  check,
  date,
  doublePrecision,
  index,
  integer,
  jsonb,
  pgEnum,
  pgTable,
  primaryKey,
  text,
  timestamp,
  uniqueIndex,
} from "drizzle-orm/pg-core";
import { artists } from "./artists";
import { createdAt, id } from "./columns";
import { orders, type VatLiability } from "./orders";

export const taxDocumentKindEnum = pgEnum("tax_document_kind", ["receipt", "credit_note"]);
export type TaxDocumentKind = (typeof taxDocumentKindEnum.enumValues)[number];

/** One line of a receipt or credit note, copied when it is issued (amounts VAT included). */
export type TaxDocumentLine = {
  title: string;
  detail: string | null;
  quantity: number;
  gross: number;
  vatRateBasisPoints: number;
  vat: number;
  liability: VatLiability;
};

/**
 * Receipts (one per paid order) and credit notes (one per refund), numbered without gaps in a
 * series per issuer and kind (document_counters, advanced in the transaction that issues). The
 * figures are copied at issue: a document never changes once written.
 */
export const taxDocuments = pgTable(
  "tax_documents",
  {
    id: id(),
    kind: taxDocumentKindEnum("kind").notNull(),
    /** The series the number belongs to: the band's id (the seller on the document). */
    issuer: text("issuer").notNull(),
    sequence: integer("sequence").notNull(),
    /** As printed, e.g. "R-2026-000042" or "C-2026-000003". */
    number: text("number").notNull(),
    orderId: text("order_id")
      .notNull()
      .references(() => orders.id, { onDelete: "cascade" }),
    artistId: text("artist_id")
      .notNull()
      .references(() => artists.id, { onDelete: "cascade" }),
    /** A credit note's receipt. */
    receiptId: text("receipt_id"),
    currency: text("currency").notNull(),
    /** Amounts VAT included; a credit note's are positive (what is given back). */
    total: integer("total").notNull(),
    shipping: integer("shipping").notNull().default(0),
    vatPlatform: integer("vat_platform").notNull().default(0),
    vatSeller: integer("vat_seller").notNull().default(0),
    /** Country whose VAT the platform's part is due to (the OSS report groups by it). */
    vatCountry: text("vat_country"),
    lines: jsonb("lines").$type<TaxDocumentLine[]>().notNull(),
    issuedAt: timestamp("issued_at", { withTimezone: true, mode: "date" }).notNull().defaultNow(),
    createdAt: createdAt(),
  },
  (t) => [
    uniqueIndex("tax_documents_series_idx").on(t.issuer, t.kind, t.sequence),
    uniqueIndex("tax_documents_receipt_per_order_idx")
      .on(t.orderId)
      .where(sql`${t.kind} = 'receipt'`),
    index("tax_documents_order_idx").on(t.orderId),
    index("tax_documents_vat_country_idx").on(t.vatCountry, t.issuedAt),
    check("tax_documents_amounts", sql`${t.total} >= 0 and ${t.vatPlatform} >= 0 and ${t.vatSeller} >= 0`),
  ],
);

export type TaxDocument = typeof taxDocuments.$inferSelect;

/** The last number used in each series; locked and advanced in the issuing transaction (no gaps). */
export const documentCounters = pgTable(
  "document_counters",
  {
    issuer: text("issuer").notNull(),
    kind: taxDocumentKindEnum("kind").notNull(),
    last: integer("last").notNull().default(0),
  },
  (t) => [primaryKey({ columns: [t.issuer, t.kind] })],
);

/** Reference exchange rates (units of `currency` per euro), for approximate prices shown to fans abroad. */
export const exchangeRates = pgTable(
  "exchange_rates",
  {
    currency: text("currency").primaryKey(),
    perEuro: doublePrecision("per_euro").notNull(),
    /** The day the rates are for (the ECB's reference date). */
    rateDate: date("rate_date", { mode: "string" }).notNull(),
    fetchedAt: timestamp("fetched_at", { withTimezone: true, mode: "date" }).notNull().defaultNow(),
  },
  (t) => [
    check("exchange_rates_positive", sql`${t.perEuro} > 0`),
    check("exchange_rates_iso", sql`${t.currency} ~ '^[A-Z]{3}$'`),
  ],
);
