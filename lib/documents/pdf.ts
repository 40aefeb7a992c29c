import PDFDocument from "pdfkit";
import type { SellerVat, TaxDocument } from "@/db/schema";
import { countryName } from "@/lib/countries";
import { translator } from "@/lib/i18n";
import { formatMoney } from "@/lib/money";
import { formatRate } from "@/lib/vat";
import { FONT_NAMES, fontData, fontRuns } from "./fonts";

export type DocumentParties = {
  /** The receipt a credit note refunds. */
  receiptNumber: string | null;
  order: { id: string; email: string | null; buyerCountry: string | null; locale: string };
  seller: { name: string; country: string | null; vat: SellerVat };
  platform: { name: string; address: string | null; vatNumber: string | null };
};

const LEFT = 50;
const RIGHT = 545;
const BOTTOM = 770;
const COLUMNS = { item: [50, 205], quantity: [255, 35], rate: [290, 70], vat: [360, 80], amount: [440, 105] } as const;
type Pdf = InstanceType<typeof PDFDocument>;

/**
 * A receipt or credit note as a PDF, in the order's language. `compress: false` leaves the
 * content streams readable (tests); the document's title and subject carry its number either way.
 */
export async function renderDocumentPdf(
  doc: TaxDocument,
  parties: DocumentParties,
  options: { compress?: boolean } = {},
): Promise<Buffer> {
  const { t, locale } = translator(parties.order.locale);
  const title = t(doc.kind === "receipt" ? "documents.pdf.receipt" : "documents.pdf.creditNote");
  const pdf = new PDFDocument({
    size: "A4",
    margin: LEFT,
    compress: options.compress ?? true,
    info: { Title: `${title} ${doc.number}`, Subject: doc.number, Author: parties.platform.name },
  });
  for (const name of FONT_NAMES) pdf.registerFont(name, fontData(name));
  const chunks: Buffer[] = [];
  pdf.on("data", (chunk: Buffer) => chunks.push(chunk));
  const done = new Promise<Buffer>((resolve, reject) => {
    pdf.on("end", () => resolve(Buffer.concat(chunks)));
    pdf.on("error", reject);
  });

  const money = (amount: number) => formatMoney(amount, doc.currency, locale);
  const country = (code: string | null) => (code ? countryName(code, locale) : null);
  const day = new Intl.DateTimeFormat(locale, { dateStyle: "long", timeZone: "UTC" }).format(doc.issuedAt);

  write(pdf, title, LEFT, 50, { size: 20, bold: true });
  write(pdf, t("documents.pdf.number", { number: doc.number }), LEFT, 78, { size: 11, bold: true });
  write(pdf, t("documents.pdf.issued", { date: day }), LEFT, 94, { size: 10 });
  write(pdf, t("documents.pdf.order", { id: parties.order.id.slice(0, 8) }), LEFT, 108, { size: 9, grey: true });
  if (parties.receiptNumber)
    write(pdf, t("documents.pdf.forReceipt", { number: parties.receiptNumber }), LEFT, 122, { size: 9 });

  const seller = [
    parties.seller.name,
    country(parties.seller.country),
    parties.seller.vat.status === "registered"
      ? `${t("documents.pdf.vatNumber", { number: parties.seller.vat.number })}\n${t("documents.pdf.vatRate", {
          rate: formatRate(parties.seller.vat.rateBasisPoints, locale),
        })}`
      : parties.seller.vat.mention,
  ];
  const platform = [
    parties.platform.name,
    t("documents.pdf.marketplaceRole"),
    parties.platform.address,
    parties.platform.vatNumber ? t("documents.pdf.vatNumber", { number: parties.platform.vatNumber }) : null,
  ];
  const buyer = [parties.order.email, country(parties.order.buyerCountry)];
  let y = 150;
  const blocks: [string, (string | null)[]][] = [
    [t("documents.pdf.seller"), seller],
    [t("documents.pdf.marketplace"), platform],
    [t("documents.pdf.buyer"), buyer],
  ];
  const width = (RIGHT - LEFT - 20) / 3;
  let tallest = 0;
  blocks.forEach(([heading, lines], i) => {
    const x = LEFT + i * (width + 10);
    write(pdf, heading.toUpperCase(), x, y, { size: 8, grey: true, bold: true });
    const body = lines.filter(Boolean).join("\n");
    const bottom = write(pdf, body, x, y + 14, { size: 9, width });
    tallest = Math.max(tallest, bottom - y);
  });
  y += tallest + 24;

  const header = (top: number) => {
    write(pdf, t("documents.pdf.item"), COLUMNS.item[0], top, { size: 8, bold: true, width: COLUMNS.item[1] });
    for (const key of ["quantity", "rate", "vat", "amount"] as const)
      write(pdf, t(`documents.pdf.${key}`), COLUMNS[key][0], top, {
        size: 8,
        bold: true,
        width: COLUMNS[key][1],
        align: "right",
      });
    pdf
      .moveTo(LEFT, top + 13)
      .lineTo(RIGHT, top + 13)
      .lineWidth(0.8)
      .strokeColor("#222222")
      .stroke();
    return top + 19;
  };
  y = header(y);

  const shippingVat = doc.vatPlatform + doc.vatSeller - doc.lines.reduce((s, l) => s + l.vat, 0);
  // The shipping carries the rate of the band's goods it goes with (only a registered band charges VAT on it).
  const goodsRate = doc.lines.find((l) => l.liability === "seller")?.vatRateBasisPoints;
  const registeredRate = parties.seller.vat.status === "registered" ? parties.seller.vat.rateBasisPoints : 0;
  const shippingRate = shippingVat > 0 ? (goodsRate ?? registeredRate) : 0;
  const rows = [
    ...doc.lines.map((line) => ({
      label: `${line.title}${line.detail ? ` — ${line.detail}` : ""}${line.liability === "platform" ? " *" : ""}`,
      quantity: String(line.quantity),
      rate: line.vatRateBasisPoints,
      vat: line.vat,
      gross: line.gross,
    })),
    ...(doc.shipping > 0 || shippingVat > 0
      ? [
          {
            label: t("documents.pdf.shipping"),
            quantity: "",
            rate: shippingRate,
            vat: shippingVat,
            gross: doc.shipping,
          },
        ]
      : []),
  ];
  for (const row of rows) {
    pdf.font("regular").fontSize(9);
    const height = Math.max(12, pdf.heightOfString(row.label, { width: COLUMNS.item[1] }));
    if (y + height > BOTTOM) {
      pdf.addPage();
      y = header(50);
    }
    write(pdf, row.label, COLUMNS.item[0], y, { size: 9, width: COLUMNS.item[1] });
    const cells = {
      quantity: row.quantity,
      rate: row.rate > 0 ? formatRate(row.rate, locale) : t("documents.pdf.noVat"),
      vat: money(row.vat),
      amount: money(row.gross),
    };
    for (const key of ["quantity", "rate", "vat", "amount"] as const)
      write(pdf, cells[key], COLUMNS[key][0], y, { size: 9, width: COLUMNS[key][1], align: "right" });
    y += height + 6;
  }
  pdf.moveTo(LEFT, y).lineTo(RIGHT, y).lineWidth(0.5).strokeColor("#999999").stroke();
  y += 8;

  // Totals: the whole, then the VAT in it for each rate (what a tax office reads).
  const byRate = new Map<number, number>();
  for (const row of rows) if (row.vat > 0) byRate.set(row.rate, (byRate.get(row.rate) ?? 0) + row.vat);
  const totals: [string, string, boolean][] = [
    [t(doc.kind === "receipt" ? "documents.pdf.total" : "documents.pdf.credited"), money(doc.total), true],
    ...[...byRate.entries()]
      .sort(([a], [b]) => b - a)
      .map(([rate, vat]): [string, string, boolean] => [
        t("documents.pdf.vatAt", { rate: formatRate(rate, locale) }),
        money(vat),
        false,
      ]),
  ];
  if (y + totals.length * 16 + 60 > BOTTOM) {
    pdf.addPage();
    y = 50;
  }
  for (const [label, value, strong] of totals) {
    write(pdf, label, 290, y, { size: strong ? 11 : 9, bold: strong, width: 150, align: "right" });
    write(pdf, value, COLUMNS.amount[0], y, { size: strong ? 11 : 9, bold: strong, width: 105, align: "right" });
    y += strong ? 18 : 14;
  }
  y += 14;

  if (doc.lines.some((l) => l.liability === "platform")) {
    const where = country(doc.vatCountry);
    const mention = where
      ? t("documents.pdf.digitalMention", { platform: parties.platform.name, country: where })
      : t("documents.pdf.digitalMentionNoCountry", { platform: parties.platform.name });
    y = write(pdf, mention, LEFT, y, { size: 8, width: RIGHT - LEFT }) + 6;
  }
  if (parties.seller.vat.status === "not_registered" && parties.seller.vat.mention)
    write(pdf, parties.seller.vat.mention, LEFT, y, { size: 8, width: RIGHT - LEFT });

  pdf.end();
  return done;
}

/**
 * Writes text in the Latin or CJK face as each character needs (a Japanese band name among
 * French words), and returns the y below it.
 */
function write(
  pdf: Pdf,
  text: string,
  x: number,
  y: number,
  options: { size: number; bold?: boolean; grey?: boolean; width?: number; align?: "left" | "right" },
): number {
  const runs = fontRuns(text);
  pdf.fontSize(options.size).fillColor(options.grey ? "#666666" : "#111111");
  const layout = { width: options.width, align: runs.length > 1 ? "left" : (options.align ?? "left") } as const;
  runs.forEach((run, i) => {
    pdf.font(run.cjk ? (options.bold ? "cjkBold" : "cjk") : options.bold ? "bold" : "regular");
    const more = i < runs.length - 1;
    if (i === 0) pdf.text(run.text, x, y, { ...layout, continued: more });
    else pdf.text(run.text, { ...layout, continued: more });
  });
  return pdf.y;
}
