/**
 * In-memory, single-node Kafka wire-protocol broker — FOR TESTS ONLY. Production uses real Kafka.
 *
 * Implements the subset of the protocol that kafkajs 2.2.4 (and kcat/librdkafka for simple
 * produce/consume) needs: see README.md for the API/version table.
 */
import { createServer, type Server, type Socket } from "node:net";
import { API_HANDLERS, type BrokerContext, type LogFn } from "./apis";
import { GroupCoordinator } from "./group/groupCoordinator";
import { LogStore } from "./log/logStore";
import type { KafkaRecord } from "./records/recordBatch";
import { BrokerConnection } from "./server";

export { decodeRecordBatch, decodeRecordBatches, encodeRecordBatch, Compression } from "./records/recordBatch";
export type { KafkaRecord, RecordHeader, RecordInput } from "./records/recordBatch";
export type { LogFn } from "./apis";

export interface KafkaTestBrokerOptions {
  /** 0 (default) = pick a free port. */
  port?: number;
  host?: string;
  nodeId?: number;
  autoCreateTopics?: boolean;
  defaultPartitions?: number;
  /** Defaults to warnings on stderr; set KAFKA_TEST_BROKER_DEBUG=1 for everything. */
  log?: LogFn;
}

export interface TopicSnapshot {
  name: string;
  partitions: { partition: number; highWatermark: number; records: KafkaRecord[] }[];
}

export interface GroupSnapshot {
  groupId: string;
  state: string;
  members: string[];
  offsets: { topic: string; partition: number; offset: number; metadata: string | null }[];
}

export interface KafkaTestBroker {
  port: number;
  host: string;
  /** Bootstrap list for clients, e.g. ["127.0.0.1:54321"]. */
  brokers: string[];
  /** Ends every socket, long-poll and group timer; the broker is unusable afterwards. */
  close(): Promise<void>;
  /** Snapshot of every topic's decoded records (for assertions). */
  topics(): TopicSnapshot[];
  /** Snapshot of consumer groups and their committed offsets. */
  groups(): GroupSnapshot[];
}

const defaultLog: LogFn = (level, message) => {
  if (level === "warn" || process.env.KAFKA_TEST_BROKER_DEBUG) {
    process.stderr.write(`[kafka-test-broker] ${level}: ${message}\n`);
  }
};

export async function startKafkaTestBroker(options: KafkaTestBrokerOptions = {}): Promise<KafkaTestBroker> {
  const host = options.host ?? "127.0.0.1";
  const log = options.log ?? defaultLog;
  const closeHooks = new Set<() => void>();
  let closed = false;

  const ctx: BrokerContext = {
    nodeId: options.nodeId ?? 1,
    host,
    port: 0, // set once listening: Metadata/FindCoordinator must advertise the real port
    clusterId: "kafka-test-broker",
    autoCreateTopics: options.autoCreateTopics ?? true,
    defaultPartitions: options.defaultPartitions ?? 1,
    store: new LogStore(),
    groups: new GroupCoordinator((m) => log("debug", m)),
    log,
    onClose(cancel) {
      closeHooks.add(cancel);
      return () => closeHooks.delete(cancel);
    },
    isClosed: () => closed,
  };
  if (!Number.isInteger(ctx.defaultPartitions) || ctx.defaultPartitions < 1) {
    throw new Error(`defaultPartitions must be a positive integer, got ${ctx.defaultPartitions}`);
  }

  const connections = new Set<BrokerConnection>();
  const server: Server = createServer((socket: Socket) => {
    if (closed) {
      socket.destroy();
      return;
    }
    const conn = new BrokerConnection(socket, ctx, API_HANDLERS);
    connections.add(conn);
    socket.on("close", () => connections.delete(conn));
  });

  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(options.port ?? 0, host, () => {
      server.off("error", reject);
      resolve();
    });
  });
  server.on("error", (err) => log("warn", `server error: ${err.message}`));
  const address = server.address();
  if (address === null || typeof address === "string") throw new Error("unexpected server address");
  ctx.port = address.port;
  log("info", `listening on ${host}:${ctx.port}`);

  return {
    port: ctx.port,
    host,
    brokers: [`${host}:${ctx.port}`],
    async close() {
      if (closed) return;
      closed = true;
      const stopped = new Promise<void>((resolve) => server.close(() => resolve()));
      // Sockets first so answers to parked requests (released below) are not written anywhere.
      for (const c of connections) c.destroy();
      connections.clear();
      ctx.groups.close();
      for (const cancel of [...closeHooks]) cancel();
      closeHooks.clear();
      await stopped;
    },
    topics() {
      return ctx.store.all().map((t) => ({
        name: t.name,
        partitions: t.partitions.map((p) => ({ partition: p.partition, highWatermark: p.highWatermark, records: p.records() })),
      }));
    },
    groups() {
      return ctx.groups.groupIds().map((groupId) => {
        const d = ctx.groups.describe(groupId);
        return {
          groupId,
          state: d?.state ?? "Dead",
          members: d?.members.map((m) => m.memberId) ?? [],
          offsets: ctx.groups.committedOffsets(groupId),
        };
      });
    },
  };
}
