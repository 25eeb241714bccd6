import { z } from "zod";
import { listEventDefinitions, type EventDefinition } from "./catalog";
import { eventEnvelopeSchema } from "./envelope";
import { topicOf } from "./topics";

export interface AsyncApiOptions {
  title: string;
  version: string;
  description?: string;
  /** Defaults to every event defined in this process (the services' src/events.ts modules). */
  definitions?: EventDefinition[];
}

type JsonSchema = Record<string, unknown>;

/** Draft-07 (what AsyncAPI schemas extend), as accepted on input: newer fields do not break it. */
function jsonSchemaOf(schema: z.ZodType): JsonSchema {
  const { $schema: _dialect, ...rest } = z.toJSONSchema(schema, { target: "draft-7", io: "input", unrepresentable: "any" });
  return rest;
}

const headersSchema: JsonSchema = {
  type: "object",
  properties: {
    "event-type": { type: "string", description: "The envelope's `type`, e.g. tenant.organization.created" },
    "event-version": { type: "string", description: "The envelope's `version`, as a decimal string" },
    "organization-id": { type: "string", format: "uuid", description: "The organization the event belongs to" },
    "correlation-id": { type: "string", description: "Request id of the change that caused the event" },
  },
  required: ["event-type", "event-version", "organization-id", "correlation-id"],
};

/** AsyncAPI ids allow letters, digits, `_` and `-` only. */
const messageId = (definition: EventDefinition) => `${definition.type.replaceAll(".", "_")}_v${definition.version}`;
const channelId = (topic: string) => topic.replaceAll(".", "_");

function messageOf(definition: EventDefinition): JsonSchema {
  const envelope = eventEnvelopeSchema.extend({
    type: z.literal(definition.type),
    version: z.literal(definition.version),
    data: definition.data,
  });
  return {
    name: definition.type,
    title: `${definition.type} v${definition.version}`,
    contentType: "application/json",
    headers: headersSchema,
    payload: jsonSchemaOf(envelope),
    correlationId: { location: "$message.header#/correlation-id" },
    bindings: { kafka: { key: { type: "string", description: "The aggregate id: one aggregate's events stay in order" } } },
  };
}

/**
 * The published event catalog for outside consumers: an AsyncAPI 3.0 document with one channel
 * per topic (Kafka topic `erp.<domain>`) and one message per event type and version, whose
 * payload is the envelope with `data` generated from the same zod schema producers validate with.
 */
export function buildAsyncApiDocument(options: AsyncApiOptions): Record<string, unknown> {
  const definitions = options.definitions ?? listEventDefinitions();
  const channels: Record<string, { address: string; description: string; messages: Record<string, { $ref: string }> }> = {};
  const messages: Record<string, JsonSchema> = {};
  for (const definition of definitions) {
    const topic = topicOf(definition.type);
    const id = messageId(definition);
    const channel = (channels[channelId(topic)] ??= {
      address: topic,
      description: `Events of the ${topic.slice("erp.".length)} domain, keyed by aggregate id`,
      messages: {},
    });
    channel.messages[id] = { $ref: `#/components/messages/${id}` };
    messages[id] = messageOf(definition);
  }
  const operations = Object.fromEntries(
    Object.entries(channels).map(([id, channel]) => [
      `publish_${id}`,
      {
        action: "send",
        title: `Events published on ${channel.address}`,
        channel: { $ref: `#/channels/${id}` },
        messages: Object.keys(channel.messages).map((message) => ({ $ref: `#/channels/${id}/messages/${message}` })),
      },
    ]),
  );
  return {
    asyncapi: "3.0.0",
    info: { title: options.title, version: options.version, ...(options.description ? { description: options.description } : {}) },
    defaultContentType: "application/json",
    channels,
    operations,
    components: { messages },
  };
}
