import { listEventDefinitions } from "./catalog";
import type { EventEnvelope } from "./envelope";

/** One topic per domain: `tenant.organization.created` travels on `erp.tenant`. */
export function topicOf(eventType: string): string {
  const domain = eventType.split(".")[0];
  if (!domain || !/^[a-z_]+$/.test(domain)) throw new Error(`invalid event type: ${eventType}`);
  return `erp.${domain}`;
}

/**
 * Every domain's topic of the events defined in this process (sorted): importing
 * `@erp/event-catalog` defines the whole system's catalog, so a service started first creates
 * `erp.tenant`, `erp.auth`, `erp.user`, … before any of them has an event, and a domain added to
 * the catalog tomorrow is included without a change here.
 */
export function catalogTopics(): string[] {
  return [...new Set(listEventDefinitions().map((definition) => topicOf(definition.type)))].sort();
}

/**
 * What travels beside the envelope (Kafka record headers, the postgres log's `headers` column),
 * so routers and outside consumers can filter without parsing the value.
 */
export function eventHeaders(envelope: EventEnvelope): Record<string, string> {
  return {
    "event-type": envelope.type,
    "event-version": String(envelope.version),
    "organization-id": envelope.organizationId,
    "correlation-id": envelope.correlationId,
  };
}

/** Envelopes by topic, each list in the caller's order, topics sorted (a stable lock order). */
export function groupByTopic(envelopes: EventEnvelope[]): [string, EventEnvelope[]][] {
  const byTopic = new Map<string, EventEnvelope[]>();
  for (const envelope of envelopes) {
    const topic = topicOf(envelope.type);
    const list = byTopic.get(topic);
    if (list) list.push(envelope);
    else byTopic.set(topic, [envelope]);
  }
  return [...byTopic.entries()].sort(([a], [b]) => a.localeCompare(b));
}
