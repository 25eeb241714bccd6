import { z } from "zod";
import { buildAsyncApiDocument, defineEvent } from "../src";

const invoiceIssued = defineEvent("billing.invoice.issued", 1, z.object({ number: z.string(), total: z.string().describe("decimal string") }));
const invoiceIssuedV2 = defineEvent("billing.invoice.issued", 2, z.object({ number: z.string(), total: z.object({ amount: z.string(), currency: z.string().length(3) }) }));
const leadConverted = defineEvent("crm.lead.converted", 1, z.object({ customerId: z.string().uuid() }));

/** A JSON document walked by key (values are compared by jest, not typed here). */
interface JsonNode {
  [key: string]: JsonNode;
}

/** Follows a local `$ref` ("#/a/b") through the document. */
function resolve(document: unknown, ref: string): unknown {
  return ref
    .slice(2)
    .split("/")
    .reduce<unknown>((node, key) => (node as Record<string, unknown> | undefined)?.[key], document);
}

test("the catalog becomes an AsyncAPI 3 document: a channel per topic, a message per type and version, payloads from the zod schemas", () => {
  const document = buildAsyncApiDocument({ title: "ERP events", version: "1.0.0", definitions: [invoiceIssued, invoiceIssuedV2, leadConverted] });
  expect(document).toMatchObject({ asyncapi: "3.0.0", info: { title: "ERP events", version: "1.0.0" } });

  const channels = document.channels as Record<string, { address: string; messages: Record<string, { $ref: string }> }>;
  expect(Object.values(channels).map((c) => c.address).sort()).toEqual(["erp.billing", "erp.crm"]);
  expect(Object.keys(channels.erp_billing!.messages)).toEqual(["billing_invoice_issued_v1", "billing_invoice_issued_v2"]);

  const message = resolve(document, channels.erp_billing!.messages.billing_invoice_issued_v2!.$ref) as JsonNode;
  expect(message.name).toBe("billing.invoice.issued");
  expect(message.headers?.required).toEqual(["event-type", "event-version", "organization-id", "correlation-id"]);
  expect(message.payload?.properties?.type).toMatchObject({ const: "billing.invoice.issued" });
  expect(message.payload?.properties?.version).toMatchObject({ const: 2 });
  expect(message.payload?.properties?.data?.properties?.total?.properties?.currency).toMatchObject({ type: "string", minLength: 3, maxLength: 3 });
  expect(message.payload?.required).toEqual(expect.arrayContaining(["id", "type", "version", "organizationId", "aggregateId", "data"]));

  // Every reference in the document points at something.
  const refs = JSON.stringify(document).match(/"\$ref":"[^"]+"/g) ?? [];
  for (const ref of refs) expect(resolve(document, ref.slice(8, -1))).toBeDefined();
  expect(refs.length).toBeGreaterThan(0);
});

test("by default the document lists every event defined in the process", () => {
  const document = buildAsyncApiDocument({ title: "ERP events", version: "1.0.0" });
  expect(Object.keys((document.components as { messages: object }).messages)).toEqual(
    expect.arrayContaining(["billing_invoice_issued_v1", "billing_invoice_issued_v2", "crm_lead_converted_v1"]),
  );
});
