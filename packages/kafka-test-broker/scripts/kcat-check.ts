/**
 * Independent-client check: kafkajs → broker → kcat (librdkafka) and kcat → broker → kafkajs.
 * A second, unrelated Kafka client implementation catches wire-format bugs that a kafkajs-only
 * test could hide (both sides of a round trip sharing the same misunderstanding).
 *
 *   pnpm --filter @erp/kafka-test-broker kcat-check      (or: npx tsx scripts/kcat-check.ts)
 *
 * Also runs kcat as a balanced group consumer (-G) to cross-check group coordination and commits.
 * Exits non-zero on any mismatch. Needs `kcat` on PATH (apt-get install -y kcat).
 * The jest test test/kcat.test.ts runs the same runKcatCheck().
 */
import { spawn, spawnSync } from "node:child_process";
import { Kafka, logLevel } from "kafkajs";
import { startKafkaTestBroker } from "../src";

export function kcatAvailable(bin = process.env.KCAT ?? "kcat"): boolean {
  return spawnSync(bin, ["-V"], { stdio: "ignore" }).status === 0;
}

function runKcat(bin: string, args: string[], input?: string, timeoutMs = 20_000): Promise<string> {
  return new Promise((resolve, reject) => {
    const child = spawn(bin, args, { stdio: ["pipe", "pipe", "pipe"] });
    let out = "";
    let err = "";
    const timer = setTimeout(() => {
      child.kill("SIGKILL");
      reject(new Error(`kcat ${args.join(" ")} timed out; stderr: ${err}`));
    }, timeoutMs);
    child.stdout.on("data", (d: Buffer) => (out += d.toString()));
    child.stderr.on("data", (d: Buffer) => (err += d.toString()));
    child.on("error", (e) => {
      clearTimeout(timer);
      reject(e);
    });
    child.on("close", (code) => {
      clearTimeout(timer);
      if (code === 0) resolve(out);
      else reject(new Error(`kcat ${args.join(" ")} exited ${code}; stderr: ${err}`));
    });
    child.stdin.end(input ?? "");
  });
}

function assertEqual(actual: unknown, expected: unknown, what: string): void {
  const a = JSON.stringify(actual);
  const e = JSON.stringify(expected);
  if (a !== e) throw new Error(`${what} mismatch:\n  expected ${e}\n  actual   ${a}`);
}

export async function runKcatCheck(report: (line: string) => void = () => {}): Promise<void> {
  const bin = process.env.KCAT ?? "kcat";
  const broker = await startKafkaTestBroker({ port: 0 });
  const bootstrap = broker.brokers.join(",");
  const kafka = new Kafka({ clientId: "kcat-check", brokers: broker.brokers, logLevel: logLevel.NOTHING });
  try {
    // 1. kafkajs produces (3 partitions, keys, headers); kcat consumes.
    const t1 = "kcat-check-from-kafkajs";
    const admin = kafka.admin();
    await admin.connect();
    await admin.createTopics({ topics: [{ topic: t1, numPartitions: 3 }] });
    await admin.disconnect();
    const producer = kafka.producer();
    await producer.connect();
    const sent = Array.from({ length: 12 }, (_, i) => ({ key: `k${i % 4}`, value: `value-${i}`, headers: { n: String(i) } }));
    await producer.send({ topic: t1, acks: -1, messages: sent });
    await producer.disconnect();

    const out = await runKcat(bin, ["-C", "-b", bootstrap, "-t", t1, "-o", "beginning", "-e", "-q", "-f", "%k %s %h\\n"]);
    const lines = out.split("\n").filter(Boolean);
    const expectedLines = sent.map((m) => `${m.key} ${m.value} n=${m.headers.n}`);
    // kcat interleaves partitions, so compare as sorted sets and check per-key order separately.
    assertEqual([...lines].sort(), [...expectedLines].sort(), "kafkajs → kcat records");
    for (const key of ["k0", "k1", "k2", "k3"]) {
      assertEqual(
        lines.filter((l) => l.startsWith(`${key} `)),
        expectedLines.filter((l) => l.startsWith(`${key} `)),
        `kafkajs → kcat order for key ${key}`,
      );
    }
    report(`ok: kcat consumed ${lines.length} records produced by kafkajs`);

    // 2. kcat produces (one message per stdin line, key + header); kafkajs consumes.
    const t2 = "kcat-check-from-kcat";
    const values = ["alpha", "beta", "gamma", "delta"];
    await runKcat(bin, ["-P", "-b", bootstrap, "-t", t2, "-k", "kcat-key", "-H", "h=v", "-H", "tenant=t-1"], values.join("\n") + "\n");
    const consumer = kafka.consumer({ groupId: "kcat-check", heartbeatInterval: 100, maxWaitTimeInMs: 200 });
    const got: { key: string; value: string; headers: Record<string, string> }[] = [];
    try {
      await consumer.connect();
      await consumer.subscribe({ topic: t2, fromBeginning: true });
      await consumer.run({
        eachMessage: async ({ message }) => {
          got.push({
            key: String(message.key),
            value: String(message.value),
            headers: Object.fromEntries(Object.entries(message.headers ?? {}).map(([k, v]) => [k, String(v)])),
          });
        },
      });
      const deadline = Date.now() + 15_000;
      while (got.length < values.length && Date.now() < deadline) await new Promise((r) => setTimeout(r, 20));
    } finally {
      await consumer.disconnect();
    }
    assertEqual(
      got,
      values.map((value) => ({ key: "kcat-key", value, headers: { h: "v", tenant: "t-1" } })),
      "kcat → kafkajs records",
    );
    report(`ok: kafkajs consumed ${got.length} records produced by kcat`);

    // 3. kcat reads back its own messages too (librdkafka on both ends of our Fetch/Produce).
    const back = (await runKcat(bin, ["-C", "-b", bootstrap, "-t", t2, "-o", "beginning", "-e", "-q", "-f", "%k %s %h\\n"]))
      .split("\n")
      .filter(Boolean);
    assertEqual(back, values.map((v) => `kcat-key ${v} h=v,tenant=t-1`), "kcat → kcat records");
    report(`ok: kcat consumed ${back.length} records produced by kcat`);

    // 4. kcat as a balanced group consumer (librdkafka's own JoinGroup/SyncGroup/OffsetCommit);
    //    kafkajs admin must then see the offsets it committed on close.
    const grouped = (await runKcat(bin, ["-b", bootstrap, "-G", "kcat-check-group", "-o", "beginning", "-e", "-q", "-f", "%k %s %h\\n", t1]))
      .split("\n")
      .filter(Boolean);
    assertEqual([...grouped].sort(), [...expectedLines].sort(), "kcat -G records");
    const offsetsAdmin = kafka.admin();
    await offsetsAdmin.connect();
    try {
      const [committed] = await offsetsAdmin.fetchOffsets({ groupId: "kcat-check-group", topics: [t1] });
      const high = await offsetsAdmin.fetchTopicOffsets(t1);
      assertEqual(
        committed?.partitions.map((p) => [p.partition, p.offset]).sort(),
        high.map((p) => [p.partition, p.high]).sort(),
        "offsets committed by kcat -G",
      );
    } finally {
      await offsetsAdmin.disconnect();
    }
    report(`ok: kcat -G consumed ${grouped.length} records and committed offsets kafkajs can read`);
  } finally {
    await broker.close();
  }
}

if (require.main === module) {
  if (!kcatAvailable()) {
    process.stderr.write("kcat not found on PATH (apt-get install -y kcat)\n");
    process.exit(2);
  }
  runKcatCheck((l) => process.stdout.write(l + "\n")).then(
    () => process.stdout.write("kcat check passed\n"),
    (e: unknown) => {
      process.stderr.write(`kcat check FAILED: ${(e as Error).stack ?? String(e)}\n`);
      process.exit(1);
    },
  );
}
