/**
 * A CSV saved by Windows/Excel in Latin-1 (`M\xfcller`) used to be read with U+FFFD in place of
 * every such letter and imported silently damaged (QA). Text bodies are decoded strictly: not
 * UTF-8 is a 400 naming the row and saying to save the file as UTF-8; a BOM stays accepted.
 */
import { createLogger } from "@erp/logging";
import request from "supertest";
import { createServiceApp } from "./create-service-app";
import { z } from "./zod";

const BASE = "/api/v1/things";
const service = createServiceApp({
  service: "things",
  title: "Things",
  version: "1.0.0",
  basePath: BASE,
  logger: createLogger({ service: "things", level: "error", format: "json" }),
});
service.route({
  method: "post",
  path: "/import",
  summary: "Import CSV",
  access: { public: true },
  request: { body: z.string().min(1), contentType: "text/csv" },
  responses: { 200: { description: "The text as received", schema: z.string() } },
  handler: ({ body }) => body,
});
service.finalize();

const latin1 = (text: string) => Buffer.from(text, "latin1");
const utf8 = (text: string) => Buffer.from(text, "utf8");
const post = (bytes: Buffer, type = "text/csv") => request(service.app).post(`${BASE}/import`).set("Content-Type", type).send(bytes);
const upload = (bytes: Buffer) => request(service.app).post(`${BASE}/import`).attach("file", bytes, { filename: "customers.csv", contentType: "text/csv" });

const SAVE_AS = "save the file as UTF-8";

test.each([
  ["ü (0xFC, never UTF-8)", "name;city\nAcme;Berlin\nMüller;Köln\n", 3],
  ["é (0xE9, a UTF-8 lead byte the next byte does not continue)", "name,city\nCafé,Paris\n", 2],
  ["a quoted cell over two lines, a blank line", 'name,note\n"Acme","one\ntwo"\n\nZoë,x\n', 3],
])("a Latin-1 file with %s is a 400 naming its row", async (_name, text, row) => {
  const res = await post(latin1(text));
  expect(res.status).toBe(400);
  expect(res.body.error).toMatchObject({ code: "VALIDATION_FAILED", message: expect.stringContaining(SAVE_AS) });
  expect(res.body.error.details).toEqual([{ path: `rows.${row}`, message: expect.stringContaining(SAVE_AS) }]);
});

test("the same file uploaded in a form is refused the same way", async () => {
  const res = await upload(latin1("name,city\nMüller,Köln\n"));
  expect(res.status).toBe(400);
  expect(res.body.error.details).toEqual([{ path: "rows.2", message: `Not UTF-8 (byte 0xFC on line 2): ${SAVE_AS} (in Excel: Save As "CSV UTF-8")` }]);
});

test("UTF-8, with or without a byte order mark, arrives as its text", async () => {
  expect((await post(utf8("name,city\nMüller,Köln\n"))).body.data).toBe("name,city\nMüller,Köln\n");
  expect((await post(utf8("\uFEFFname,city\nMüller,Köln\n"))).body.data).toBe("name,city\nMüller,Köln\n");
  expect((await upload(utf8("\uFEFFname\nZoë\n"))).body.data).toBe("name\nZoë\n");
});

test("a file cut inside its last character is refused, not read with U+FFFD", async () => {
  const cut = utf8("name\nZoë").subarray(0, -1);
  const res = await post(cut);
  expect(res.status).toBe(400);
  expect(res.body.error.details).toEqual([{ path: "rows.2", message: expect.stringContaining("byte 0xC3 on line 2") }]);
});

test("a charset the request declares is honoured; one nobody can decode is 415", async () => {
  expect((await post(latin1("name\nMüller\n"), "text/csv; charset=ISO-8859-1")).body.data).toBe("name\nMüller\n");
  expect((await post(utf8("name\nMüller\n"), "text/csv; charset=utf-8")).body.data).toBe("name\nMüller\n");
  const res = await post(utf8("name\n"), "text/csv; charset=x-made-up");
  expect([res.status, res.body.error.code]).toEqual([415, "UNSUPPORTED_MEDIA_TYPE"]);
});
