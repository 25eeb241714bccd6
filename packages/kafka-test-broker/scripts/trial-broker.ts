/**
 * The Kafka test broker on its own, FOR TRYING THE KAFKA PATH LOCALLY, NOT FOR PRODUCTION:
 * in memory, one node, no persistence, security, replication or retention.
 *
 *   npm run kafka:test-broker [-- --port 9092 --host 127.0.0.1]
 *
 * Prints the KAFKA_BROKERS value to start the system with (`KAFKA_BROKERS=… npm start`) on a line
 * of its own, then serves until Ctrl-C / SIGTERM. Port 0 picks a free port.
 */
import { parseArgs } from "node:util";
import { startKafkaTestBroker } from "../src";

const DEFAULT_PORT = 9092;

function options(): { port: number; host: string } {
  const { values } = parseArgs({
    options: { port: { type: "string" }, host: { type: "string", default: "127.0.0.1" } },
  });
  const rawPort = values.port ?? process.env.KAFKA_TEST_BROKER_PORT ?? String(DEFAULT_PORT);
  const port = Number(rawPort);
  if (!Number.isInteger(port) || port < 0 || port > 65535) throw new Error(`--port ${rawPort} is not a port`);
  return { port, host: values.host };
}

async function main(): Promise<void> {
  const { port, host } = options();
  const broker = await startKafkaTestBroker({ port, host }).catch((err: NodeJS.ErrnoException) => {
    if (err.code === "EADDRINUSE") throw new Error(`port ${port} is in use (a Kafka already running?): pick another with --port`);
    throw err;
  });
  const brokers = broker.brokers.join(",");
  process.stdout.write(
    [
      "",
      "Kafka TEST broker: for trying the Kafka path locally, NOT FOR PRODUCTION.",
      "In memory and single-node: every event is gone when it stops; no security, replication or retention.",
      "Production uses a real Kafka (docker-compose.dev.yml runs one for development).",
      "",
      "Use it with:",
      `KAFKA_BROKERS=${brokers}`,
      "",
      `  start the system:  KAFKA_BROKERS=${brokers} npm start`,
      `  read events:       kcat -b ${brokers} -C -t erp.tenant -f '%h %s\\n'`,
      "",
      "Ctrl-C stops it.",
      "",
    ].join("\n"),
  );
  let stopping = false;
  const stop = (signal: string) => {
    if (stopping) return;
    stopping = true;
    process.stdout.write(`${signal} received; stopping the Kafka test broker\n`);
    broker.close().then(
      () => process.exit(0),
      () => process.exit(1),
    );
  };
  process.on("SIGINT", () => stop("SIGINT"));
  process.on("SIGTERM", () => stop("SIGTERM"));
}

main().catch((err: unknown) => {
  process.stderr.write(`kafka test broker: ${err instanceof Error ? err.message : String(err)}\n`);
  process.exit(1);
});
