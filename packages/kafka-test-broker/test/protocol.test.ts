/** Wire-level tests: primitives, record batch codec, framing and connection handling. */
import { startKafkaTestBroker, type KafkaTestBroker } from "../src";
import { ApiKey } from "../src/protocol/apiKeys";
import { crc32c } from "../src/protocol/crc32c";
import { ErrorCode } from "../src/protocol/errors";
import { Reader } from "../src/protocol/reader";
import { Writer } from "../src/protocol/writer";
import { Compression, decodeRecordBatch, decodeRecordBatches, encodeRecordBatch, RecordBatchError } from "../src/records/recordBatch";
import { frame, RawClient } from "./rawClient";

describe("primitives", () => {
  test("CRC-32C standard check value", () => {
    expect(crc32c(Buffer.from("123456789"))).toBe(0xe3069283);
  });

  test("varint / varlong / int64 / strings / arrays round-trip", () => {
    const ints = [0, 1, -1, 63, -64, 64, 300, -300, 2 ** 31 - 1, -(2 ** 31)];
    const longs = [0n, -1n, 2n ** 40n, -(2n ** 40n), 2n ** 63n - 1n, -(2n ** 63n)];
    const w = new Writer(1);
    for (const i of ints) w.varint(i);
    for (const l of longs) w.varlong(l);
    w.int64(-5n).nullableString(null).string("héllo").nullableBytes(null).bytes(Buffer.from([1, 2])).array([7, 8], (w, v) => w.int32(v));
    const r = new Reader(w.toBuffer());
    expect(ints.map(() => r.varint())).toEqual(ints);
    expect(longs.map(() => r.varlong())).toEqual(longs);
    expect(r.int64()).toBe(-5n);
    expect(r.nullableString()).toBeNull();
    expect(r.string()).toBe("héllo");
    expect(r.nullableBytes()).toBeNull();
    expect(r.bytes()).toEqual(Buffer.from([1, 2]));
    expect(r.array((r) => r.int32())).toEqual([7, 8]);
    expect(r.remaining()).toBe(0);
    expect(() => r.int8()).toThrow(/truncated/);
  });

  test("varint encoding matches the protobuf/Kafka zig-zag layout", () => {
    expect([...new Writer().varint(-1).toBuffer()]).toEqual([0x01]);
    expect([...new Writer().varint(1).toBuffer()]).toEqual([0x02]);
    expect([...new Writer().varint(150).toBuffer()]).toEqual([0xac, 0x02]);
  });
});

describe("record batch codec", () => {
  const records = [
    { key: "k1", value: "v1", headers: { a: "1", nul: null }, timestamp: 1_700_000_000_000 },
    { key: null, value: null, timestamp: 1_700_000_000_500 },
    { key: Buffer.from([0, 255]), value: "x".repeat(1000) },
  ];

  test.each([
    ["none", Compression.NONE],
    ["gzip", Compression.GZIP],
  ])("encode → decode (%s)", (_name, compression) => {
    const raw = encodeRecordBatch(records, { baseOffset: 42, compression, now: 1_700_000_001_000 });
    const { batch, size } = decodeRecordBatch(raw);
    expect(size).toBe(raw.length);
    expect(batch.compression).toBe(compression);
    expect(batch.lastOffsetDelta).toBe(2);
    expect(batch.maxTimestamp).toBe(1_700_000_001_000);
    expect(batch.records.map((r) => r.offset)).toEqual([42, 43, 44]);
    expect(batch.records[0]).toMatchObject({ key: Buffer.from("k1"), value: Buffer.from("v1"), timestamp: 1_700_000_000_000 });
    expect(batch.records[0]?.headers).toEqual([
      { key: "a", value: Buffer.from("1") },
      { key: "nul", value: null },
    ]);
    expect(batch.records[1]).toMatchObject({ key: null, value: null, headers: [] });
    expect(batch.records[2]?.key).toEqual(Buffer.from([0, 255]));
  });

  test("several batches in one blob", () => {
    const blob = Buffer.concat([encodeRecordBatch([{ value: "a" }]), encodeRecordBatch([{ value: "b" }, { value: "c" }])]);
    expect(decodeRecordBatches(blob).map((b) => b.records.length)).toEqual([1, 2]);
  });

  test("CRC mismatch, bad magic and truncation are refused with Kafka error codes", () => {
    const raw = encodeRecordBatch([{ value: "hello" }]);
    const flipped = Buffer.from(raw);
    flipped[flipped.length - 2] = (flipped[flipped.length - 2] as number) ^ 0xff;
    expect(() => decodeRecordBatch(flipped)).toThrow(expect.objectContaining({ code: ErrorCode.CORRUPT_MESSAGE }));
    const magic1 = Buffer.from(raw);
    magic1[16] = 1;
    expect(() => decodeRecordBatch(magic1)).toThrow(RecordBatchError);
    expect(() => decodeRecordBatches(raw.subarray(0, raw.length - 3))).toThrow(RecordBatchError);
    // Base offset and leader epoch sit outside the CRC: rewriting them keeps the batch valid.
    const moved = Buffer.from(raw);
    moved.writeBigInt64BE(99n, 0);
    moved.writeInt32BE(7, 12);
    expect(decodeRecordBatch(moved).batch.records[0]?.offset).toBe(99);
  });
});

describe("connection handling", () => {
  let broker: KafkaTestBroker;
  const logs: string[] = [];
  beforeAll(async () => {
    broker = await startKafkaTestBroker({ log: (level, m) => void logs.push(`${level}: ${m}`) });
  });
  afterAll(() => broker.close());

  const apiVersionsOf = (body: Reader, version: number) => {
    const errorCode = body.int16();
    const apis = body.array((r) => ({ key: r.int16(), min: r.int16(), max: r.int16() }));
    if (version >= 1) body.int32();
    return { errorCode, apis };
  };

  test("requests split into 1-byte TCP segments are reassembled", async () => {
    const c = await RawClient.open(broker.port);
    try {
      c.socket.setNoDelay(true);
      const req = frame(ApiKey.ApiVersions, 2, 1234);
      for (const byte of req) {
        c.socket.write(Buffer.from([byte]));
        await new Promise((r) => setImmediate(r));
      }
      const res = await c.response();
      expect(res.correlationId).toBe(1234);
      const { errorCode, apis } = apiVersionsOf(res.body, 2);
      expect(errorCode).toBe(0);
      expect(apis.find((a) => a.key === ApiKey.Fetch)).toEqual({ key: 1, min: 4, max: 11 });
      expect(apis.find((a) => a.key === ApiKey.Produce)).toEqual({ key: 0, min: 3, max: 7 });
    } finally {
      c.close();
    }
  });

  test("pipelined requests in one segment are answered in order", async () => {
    const c = await RawClient.open(broker.port);
    try {
      c.socket.write(Buffer.concat([frame(ApiKey.ApiVersions, 0, 1), frame(ApiKey.Metadata, 1, 2, new Writer().int32(-1).toBuffer()), frame(ApiKey.ApiVersions, 1, 3)]));
      expect((await c.response()).correlationId).toBe(1);
      expect((await c.response()).correlationId).toBe(2);
      expect((await c.response()).correlationId).toBe(3);
    } finally {
      c.close();
    }
  });

  test("ApiVersions at an unsupported version gets UNSUPPORTED_VERSION plus the supported list (KIP-511)", async () => {
    const c = await RawClient.open(broker.port);
    try {
      c.socket.write(frame(ApiKey.ApiVersions, 3, 9, Buffer.from([0, 0, 0]))); // v3 body is compact/tagged; ignored
      const res = await c.response();
      const { errorCode, apis } = apiVersionsOf(res.body, 0);
      expect(errorCode).toBe(ErrorCode.UNSUPPORTED_VERSION);
      expect(apis.find((a) => a.key === ApiKey.ApiVersions)?.max).toBe(2);
    } finally {
      c.close();
    }
  });

  test("unknown API key: connection closed cleanly with a logged message", async () => {
    const c = await RawClient.open(broker.port);
    c.socket.write(frame(9999 & 0x7fff, 0, 5));
    expect(await c.closedByPeer()).toBe(true);
    expect(logs.some((l) => l.startsWith("warn:") && l.includes("unknown API key 9999"))).toBe(true);
    c.close();
  });

  test("unsupported version of a known API closes the connection", async () => {
    const c = await RawClient.open(broker.port);
    c.socket.write(frame(ApiKey.Produce, 2, 5));
    expect(await c.closedByPeer()).toBe(true);
    expect(logs.some((l) => l.includes("Produce v2 not supported"))).toBe(true);
    c.close();
  });

  test("absurd frame size closes the connection", async () => {
    const c = await RawClient.open(broker.port);
    c.socket.write(Buffer.from([0x7f, 0xff, 0xff, 0xff]));
    expect(await c.closedByPeer()).toBe(true);
    c.close();
  });

  const produceBody = (topic: string, records: Buffer, acks = -1) =>
    new Writer()
      .nullableString(null)
      .int16(acks)
      .int32(1000)
      .array([topic], (w, t) => w.string(t).array([0], (w, p) => w.int32(p).bytes(records)))
      .toBuffer();

  const produceError = (body: Reader) => {
    body.int32(); // topics
    body.string();
    body.int32(); // partitions
    body.int32();
    return { errorCode: body.int16(), baseOffset: body.int64n() };
  };

  test("Produce with a corrupted CRC → CORRUPT_MESSAGE, nothing appended; acks=0 → no response", async () => {
    const c = await RawClient.open(broker.port);
    try {
      const good = encodeRecordBatch([{ value: "ok" }]);
      const bad = Buffer.from(good);
      bad[bad.length - 1] = (bad[bad.length - 1] as number) ^ 1;
      c.socket.write(frame(ApiKey.Produce, 7, 1, produceBody("raw-crc", bad)));
      expect(produceError((await c.response()).body).errorCode).toBe(ErrorCode.CORRUPT_MESSAGE);
      expect(broker.topics().find((t) => t.name === "raw-crc")?.partitions[0]?.highWatermark).toBe(0);

      c.socket.write(frame(ApiKey.Produce, 3, 2, produceBody("raw-crc", good, 0)));
      expect(await c.noResponseWithin(200)).toBe(true);
      expect(broker.topics().find((t) => t.name === "raw-crc")?.partitions[0]?.highWatermark).toBe(1);

      c.socket.write(frame(ApiKey.Produce, 5, 3, produceBody("raw-crc", good)));
      const res = await c.response();
      expect(res.correlationId).toBe(3); // the acks=0 request consumed no correlation slot
      expect(produceError(res.body)).toEqual({ errorCode: 0, baseOffset: 1 });
    } finally {
      c.close();
    }
  });

  test("Produce with a non-v2 record format is refused", async () => {
    const c = await RawClient.open(broker.port);
    try {
      const v1 = Buffer.from(encodeRecordBatch([{ value: "old" }]));
      v1[16] = 1;
      c.socket.write(frame(ApiKey.Produce, 7, 1, produceBody("raw-magic", v1)));
      expect(produceError((await c.response()).body).errorCode).toBe(ErrorCode.UNSUPPORTED_FOR_MESSAGE_FORMAT);
    } finally {
      c.close();
    }
  });

  test("garbage request body closes the connection instead of crashing", async () => {
    const c = await RawClient.open(broker.port);
    c.socket.write(frame(ApiKey.Metadata, 4, 1, Buffer.from([0x00, 0x00, 0x00, 0x05, 0x00])));
    expect(await c.closedByPeer()).toBe(true);
    c.close();
  });
});

test("close() releases parked fetches and ends every socket", async () => {
  const broker = await startKafkaTestBroker({ log: () => {} });
  const c = await RawClient.open(broker.port);
  // Create the topic, then park a Fetch with a 60s max wait at the log end.
  c.socket.write(frame(ApiKey.Metadata, 4, 1, new Writer().array(["parked"], (w, t) => w.string(t)).bool(true).toBuffer()));
  await c.response();
  const fetch = new Writer()
    .int32(-1)
    .int32(60_000)
    .int32(1)
    .int32(1 << 20)
    .int8(0)
    .array(["parked"], (w, t) => w.string(t).array([0], (w, p) => w.int32(p).int64(0).int32(1 << 20)))
    .toBuffer();
  c.socket.write(frame(ApiKey.Fetch, 4, 2, fetch));
  await new Promise((r) => setTimeout(r, 100));
  const started = Date.now();
  await broker.close();
  expect(await c.closedByPeer()).toBe(true);
  expect(Date.now() - started).toBeLessThan(1000);
  c.close();
});
