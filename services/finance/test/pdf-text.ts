/**
 * The text a PDF made by pdfkit shows, for tests: each content stream inflated (pdfkit compresses
 * them with FlateDecode) and the strings of its text operators (`[<hex> kern <hex>] TJ`, `<hex> Tj`)
 * decoded from WinAnsi, one shown string per line. Enough to check what a printed document says
 * without a PDF parser; not a general extractor (no fonts' own encodings, no layout).
 */
import { constants, inflateSync } from "node:zlib";

function streams(pdf: Buffer): Buffer[] {
  const found: Buffer[] = [];
  let at = 0;
  for (;;) {
    const start = pdf.indexOf("stream\n", at, "latin1");
    if (start < 0) return found;
    const end = pdf.indexOf("endstream", start, "latin1");
    if (end < 0) return found;
    const data = pdf.subarray(start + "stream\n".length, end);
    try {
      found.push(inflateSync(data, { finishFlush: constants.Z_SYNC_FLUSH }));
    } catch {
      found.push(data);
    }
    at = end + "endstream".length;
  }
}

const hexText = (hex: string) => Buffer.from(hex.replace(/\s+/g, ""), "hex").toString("latin1");

/** Every string the PDF's pages show, in drawing order, one per line. */
export function pdfText(pdf: Buffer): string {
  const shown: string[] = [];
  for (const content of streams(pdf)) {
    const text = content.toString("latin1");
    for (const match of text.matchAll(/\[([^\]]*)\]\s*TJ|<([0-9a-fA-F\s]*)>\s*Tj/g)) {
      const parts = match[1] !== undefined ? [...match[1].matchAll(/<([0-9a-fA-F\s]*)>/g)].map((part) => part[1] ?? "") : [match[2] ?? ""];
      shown.push(parts.map(hexText).join(""));
    }
  }
  return shown.join("\n");
}

/** A supertest parser that keeps the body as bytes: `.buffer(true).parse(bytes)` for a PDF. */
export function bytes(res: unknown, done: (err: Error | null, body: Buffer) => void): void {
  const chunks: Buffer[] = [];
  const stream = res as NodeJS.ReadableStream;
  stream.on("data", (chunk: Buffer) => chunks.push(chunk));
  stream.on("end", () => done(null, Buffer.concat(chunks)));
}
