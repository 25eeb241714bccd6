/**
 * `/api/v1/events/asyncapi.json`: the catalog of every event the system publishes (AsyncAPI 3,
 * payload schemas generated from the producers' zod schemas), for outside Kafka consumers.
 */
import type { RequestHandler } from "express";
import { buildAsyncApiDocument, listEventDefinitions } from "@erp/events";
import "@erp/event-catalog";

export const EVENT_CATALOG_PATH = "/api/v1/events/asyncapi.json";

export function eventCatalog(): RequestHandler {
  // The catalog is fixed at build time, so the document is built once.
  const document = buildAsyncApiDocument({ title: "ERP platform events", version: "1.0.0", definitions: listEventDefinitions() });
  return (_req, res) => {
    res.json(document);
  };
}
