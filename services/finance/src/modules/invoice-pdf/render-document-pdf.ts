/**
 * A printable customer document (an invoice or a credit note) drawn with pdfkit: A4, the
 * organization's name, address and tax id, the customer's name, billing address and tax id, the number and dates, one
 * row per line, the tax per rate and the totals. Pure: the figures come formatted, as the API
 * shows them; nothing is computed here. Text is set in DejaVu Sans (embedded, subset to the glyphs
 * used), which covers Latin (Central European included), Greek and Cyrillic; CJK scripts are out of
 * scope: DejaVu has no glyphs for them, so they print as the font's missing-glyph box.
 */
import PDFDocument from "pdfkit";

export interface PrintableLine {
  description: string;
  quantity: string;
  unitPrice: string;
  /** "10" for 10 %, "" when the line has no discount. */
  discountPercent: string;
  /** "20%", "" when the line carries no tax. */
  taxRate: string;
  net: string;
}

export interface PrintableDocument {
  /** "Invoice", "Credit note". */
  title: string;
  /** Null for a draft (not numbered yet). */
  number: string | null;
  /** Printed across every page: "DRAFT" (a pro-forma), "VOID"; null for a valid document. */
  stamp: string | null;
  /** The letterhead: who issues the document (see `Letterhead`). */
  organization: { name: string; addressLines: string[]; taxId: string | null };
  customer: { name: string; addressLines: string[]; taxId: string | null };
  /** `YYYY-MM-DD` */
  issueDate: string;
  dueDate: string;
  currency: string;
  /** More header rows: "Reference", "Credits invoice". */
  facts: { label: string; value: string }[];
  lines: PrintableLine[];
  /** One row per tax rate: "VAT 20% (20%)", the nets it applies to, its tax. */
  taxes: { label: string; base: string; tax: string }[];
  /** The totals block, top to bottom; the last one is printed bold (the amount due). */
  totals: { label: string; value: string }[];
  notes: string | null;
}

const MARGIN = 50;
const FONT = "DejaVuSans";
const BOLD = "DejaVuSans-Bold";
// Resolved from the package, not the working directory: the service starts from the repository root or its own folder.
const FONT_FILES = {
  [FONT]: require.resolve("dejavu-fonts-ttf/ttf/DejaVuSans.ttf"),
  [BOLD]: require.resolve("dejavu-fonts-ttf/ttf/DejaVuSans-Bold.ttf"),
};
const COLUMNS = [
  { key: "description", label: "Description", x: 50, width: 190, align: "left" },
  { key: "quantity", label: "Qty", x: 240, width: 55, align: "right" },
  { key: "unitPrice", label: "Unit price", x: 295, width: 75, align: "right" },
  { key: "discountPercent", label: "Disc. %", x: 370, width: 45, align: "right" },
  { key: "taxRate", label: "Tax", x: 415, width: 45, align: "right" },
  { key: "net", label: "Net", x: 460, width: 85, align: "right" },
] as const;

/** The document as PDF bytes. */
export function renderDocumentPdf(document: PrintableDocument): Promise<Buffer> {
  const doc = new PDFDocument({
    size: "A4",
    margin: MARGIN,
    bufferPages: true,
    info: { Title: `${document.title} ${document.number ?? "(draft)"}`, Author: document.organization.name },
  });
  for (const [name, file] of Object.entries(FONT_FILES)) doc.registerFont(name, file);
  const chunks: Buffer[] = [];
  const done = new Promise<Buffer>((resolve, reject) => {
    doc.on("data", (chunk: Buffer) => chunks.push(chunk));
    doc.on("end", () => resolve(Buffer.concat(chunks)));
    doc.on("error", reject);
  });

  let y = header(doc, document);
  y = lineTable(doc, document, y);
  y = totalsBlock(doc, document, y);
  if (document.notes) {
    y = ensureRoom(doc, y, doc.heightOfString(document.notes, { width: pageWidth(doc) }) + 20);
    doc.font(BOLD).fontSize(9).text("Notes", MARGIN, y);
    doc.font(FONT).text(document.notes, MARGIN, y + 12, { width: pageWidth(doc) });
  }
  decoratePages(doc, document);
  doc.end();
  return done;
}

const pageWidth = (doc: PDFKit.PDFDocument) => doc.page.width - 2 * MARGIN;
const bottom = (doc: PDFKit.PDFDocument) => doc.page.height - MARGIN - 20;

/** `y` if `height` more fits on the page, else the top of a new page. */
function ensureRoom(doc: PDFKit.PDFDocument, y: number, height: number): number {
  if (y + height <= bottom(doc)) return y;
  doc.addPage();
  return MARGIN;
}

function header(doc: PDFKit.PDFDocument, document: PrintableDocument): number {
  const width = pageWidth(doc);
  const half = width / 2;
  const { organization } = document;
  doc.font(BOLD).fontSize(16).text(organization.name, MARGIN, MARGIN, { width: half - 10 });
  const letterhead = [...organization.addressLines, ...(organization.taxId ? [`Tax id: ${organization.taxId}`] : [])];
  for (const text of letterhead) doc.font(FONT).fontSize(9).text(text, MARGIN, doc.y, { width: half - 10 });
  const nameBottom = doc.y;
  const title = document.number ? `${document.title} ${document.number}` : `${document.title} (draft)`;
  // Set again: the letterhead's lines above left the small regular font behind.
  doc.font(BOLD).fontSize(16).text(title, MARGIN + half, MARGIN, { width: half, align: "right" });
  const top = Math.max(nameBottom, doc.y) + 20;

  let left = top;
  doc.font(BOLD).fontSize(9).text("Bill to", MARGIN, left);
  left = doc.y + 2;
  const { customer } = document;
  const rows = [...customer.addressLines, ...(customer.taxId ? [`Tax id: ${customer.taxId}`] : [])];
  doc.font(BOLD).fontSize(10).text(customer.name, MARGIN, left, { width: half - 10 });
  for (const text of rows) doc.font(FONT).text(text, MARGIN, doc.y, { width: half - 10 });
  left = doc.y;

  let right = top;
  const facts = [
    { label: "Number", value: document.number ?? "not issued" },
    { label: "Issue date", value: document.issueDate },
    { label: "Due date", value: document.dueDate },
    { label: "Currency", value: document.currency },
    ...document.facts,
  ];
  for (const fact of facts) {
    doc.font(FONT).fontSize(10).text(fact.label, MARGIN + half, right, { width: 90 });
    doc.font(BOLD).text(fact.value, MARGIN + half + 90, right, { width: half - 90, align: "right" });
    right = Math.max(doc.y, right + 13);
  }
  return Math.max(left, right) + 20;
}

function tableHeader(doc: PDFKit.PDFDocument, y: number): number {
  doc.font(BOLD).fontSize(9);
  for (const column of COLUMNS) doc.text(column.label, column.x, y, { width: column.width, align: column.align });
  doc
    .moveTo(MARGIN, y + 13)
    .lineTo(MARGIN + pageWidth(doc), y + 13)
    .stroke();
  return y + 18;
}

function lineTable(doc: PDFKit.PDFDocument, document: PrintableDocument, start: number): number {
  let y = tableHeader(doc, start);
  doc.font(FONT).fontSize(9);
  for (const line of document.lines) {
    const height = Math.max(doc.heightOfString(line.description, { width: COLUMNS[0].width - 5 }), 11) + 5;
    if (y + height > bottom(doc)) {
      doc.addPage();
      y = tableHeader(doc, MARGIN);
      doc.font(FONT).fontSize(9);
    }
    for (const column of COLUMNS) {
      const width = column.key === "description" ? column.width - 5 : column.width;
      doc.text(line[column.key], column.x, y, { width, align: column.align });
    }
    y += height;
  }
  doc
    .moveTo(MARGIN, y)
    .lineTo(MARGIN + pageWidth(doc), y)
    .stroke();
  return y + 10;
}

function totalsBlock(doc: PDFKit.PDFDocument, document: PrintableDocument, start: number): number {
  const rows = document.taxes.length + document.totals.length + 1;
  let y = ensureRoom(doc, start, rows * 14 + 10);
  const labelX = 300;
  const labelWidth = 160;
  const valueX = 460;
  const valueWidth = 85;
  for (const tax of document.taxes) {
    doc.font(FONT).fontSize(9).text(`${tax.label} on ${tax.base}`, labelX, y, { width: labelWidth, align: "right" });
    doc.text(tax.tax, valueX, y, { width: valueWidth, align: "right" });
    y += 14;
  }
  document.totals.forEach((row, index) => {
    const last = index === document.totals.length - 1;
    doc.font(last ? BOLD : FONT).fontSize(last ? 11 : 10);
    doc.text(row.label, labelX, y, { width: labelWidth, align: "right" });
    doc.text(`${row.value} ${document.currency}`, valueX - 20, y, { width: valueWidth + 20, align: "right" });
    y += 14;
  });
  return y + 16;
}

/** The stamp across each page and "page n of m" at its foot. */
function decoratePages(doc: PDFKit.PDFDocument, document: PrintableDocument): void {
  const { start, count } = doc.bufferedPageRange();
  for (let index = start; index < start + count; index++) {
    doc.switchToPage(index);
    // Text below the bottom margin would open a new page: print the footer inside a zero margin.
    const margin = doc.page.margins.bottom;
    doc.page.margins.bottom = 0;
    doc
      .font(FONT)
      .fontSize(8)
      .fillColor("black")
      .text(`${document.number ?? document.title} - page ${index - start + 1} of ${count}`, MARGIN, doc.page.height - MARGIN + 10, {
        width: pageWidth(doc),
        align: "center",
      });
    if (document.stamp) {
      doc.save();
      doc.rotate(-35, { origin: [doc.page.width / 2, doc.page.height / 2] });
      doc
        .font(BOLD)
        .fontSize(96)
        .fillColor("red")
        .fillOpacity(0.18)
        .text(document.stamp, 0, doc.page.height / 2 - 48, { width: doc.page.width, align: "center", lineBreak: false });
      doc.restore();
    }
    doc.page.margins.bottom = margin;
  }
}
