import { Kafka, logLevel, type Consumer } from "kafkajs";
import type { KafkaTestBroker } from "../src";

let seq = 0;
/** Unique names so tests sharing a broker never collide. */
export const uniq = (prefix: string): string => `${prefix}-${process.pid}-${Date.now()}-${++seq}`;

export function kafkaFor(broker: KafkaTestBroker, clientId = uniq("client")): Kafka {
  return new Kafka({
    clientId,
    brokers: broker.brokers,
    logLevel: logLevel.NOTHING,
    retry: { retries: 5, initialRetryTime: 50, maxRetryTime: 500 },
  });
}

/** Fast group settings so rebalances take milliseconds instead of seconds. */
export const fastGroup = {
  sessionTimeout: 3000,
  rebalanceTimeout: 5000,
  heartbeatInterval: 100,
  maxWaitTimeInMs: 200,
};

export async function disconnectAll(...consumers: (Consumer | undefined)[]): Promise<void> {
  await Promise.all(consumers.map((c) => c?.disconnect().catch(() => undefined)));
}
