import type { GroupCoordinator } from "../group/groupCoordinator";
import type { LogStore } from "../log/logStore";
import type { Reader } from "../protocol/reader";
import type { Writer } from "../protocol/writer";

export type LogFn = (level: "debug" | "info" | "warn", message: string) => void;

/** Broker-wide state every API handler may use. */
export interface BrokerContext {
  nodeId: number;
  host: string;
  port: number;
  clusterId: string;
  autoCreateTopics: boolean;
  defaultPartitions: number;
  store: LogStore;
  groups: GroupCoordinator;
  log: LogFn;
  /** Registers a cancel hook run by close() (timers of long-polls). Returns an unregister function. */
  onClose(cancel: () => void): () => void;
  isClosed(): boolean;
}

export interface RequestContext {
  broker: BrokerContext;
  apiVersion: number;
  correlationId: number;
  clientId: string;
  clientHost: string;
}

/**
 * One Kafka API: decodes its request body from `req` (positioned after the request header) and
 * returns the encoded response body, or null when the protocol says no response is sent
 * (Produce with acks=0).
 */
export interface ApiHandler {
  key: number;
  name: string;
  minVersion: number;
  maxVersion: number;
  handle(req: Reader, ctx: RequestContext): Writer | null | Promise<Writer | null>;
}
