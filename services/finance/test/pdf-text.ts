/**
 * The text a PDF shows, for tests, read by pdf.js (pdfjs-dist): fonts' own encodings and ToUnicode
 * maps included, so an embedded font's glyph ids come back as the characters drawn.
 */
import { execFile } from "node:child_process";
import { pathToFileURL } from "node:url";

const PDFJS = pathToFileURL(require.resolve("pdfjs-dist/legacy/build/pdf.mjs")).href;

// pdfjs-dist is ESM only and jest runs the tests as CommonJS in a VM without dynamic import(), so
// the extraction runs in a node of its own: the PDF on stdin, each page's text items as JSON on
// stdout (pdf.js logs to console.log, sent to stderr to keep stdout JSON).
const EXTRACT = `
console.log = console.error;
const chunks = [];
for await (const chunk of process.stdin) chunks.push(chunk);
const { getDocument } = await import(process.argv[1]);
const pdf = await getDocument({ data: new Uint8Array(Buffer.concat(chunks)), verbosity: 0 }).promise;
const shown = [];
for (let number = 1; number <= pdf.numPages; number++) {
  const content = await (await pdf.getPage(number)).getTextContent();
  for (const item of content.items) if ("str" in item) shown.push({ text: item.str, size: Math.round(item.height * 100) / 100, page: number });
}
await pdf.destroy();
process.stdout.write(JSON.stringify(shown));
`;

/** A string a page shows: its text, its font size in points (pdf.js's item height) and its page (from 1). */
export interface ShownText {
  text: string;
  size: number;
  page: number;
}

/**
 * Every text item the PDF's pages show, in drawing order; the items pdf.js adds for the gaps
 * between them (whitespace only) are left out. Rejects when pdf.js cannot read the PDF.
 */
export async function pdfTextItems(pdf: Buffer): Promise<ShownText[]> {
  const json = await new Promise<string>((resolve, reject) => {
    const child = execFile(
      process.execPath,
      ["--input-type=module", "--eval", EXTRACT, PDFJS],
      { encoding: "utf8", maxBuffer: 64 * 1024 * 1024 },
      (error, stdout, stderr) => (error ? reject(new Error(`pdf.js could not read the PDF: ${stderr || error.message}`)) : resolve(stdout)),
    );
    child.stdin?.end(pdf);
  });
  return (JSON.parse(json) as ShownText[]).filter((shown) => shown.text.trim() !== "");
}

/** Every text item the PDF's pages show, in drawing order, one per line (see pdfTextItems). */
export async function pdfText(pdf: Buffer): Promise<string> {
  return (await pdfTextItems(pdf)).map((shown) => shown.text).join("\n");
}

/** A supertest parser that keeps the body as bytes: `.buffer(true).parse(bytes)` for a PDF. */
export function bytes(res: unknown, done: (err: Error | null, body: Buffer) => void): void {
  const chunks: Buffer[] = [];
  const stream = res as NodeJS.ReadableStream;
  stream.on("data", (chunk: Buffer) => chunks.push(chunk));
  stream.on("end", () => done(null, Buffer.concat(chunks)));
}
