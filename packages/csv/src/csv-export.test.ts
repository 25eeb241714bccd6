import { Writable } from "node:stream";
import { cursorBatches, writeCsv } from "./csv-export";
import type { CsvColumn } from "./csv-columns";

const columns: CsvColumn[] = [
  { header: "code", path: ["code"] },
  { header: "name", path: ["name"] },
  { header: "tags", path: ["tags"], kind: "list" },
  { header: "city", path: ["address", "city"] },
];

/** A slow client: takes each chunk on the next turn of the event loop and counts the lines it got. */
function slowSink() {
  const sink = { lines: 0, bytes: 0, text: "" };
  const stream = new Writable({
    highWaterMark: 16 * 1024,
    write(chunk: Buffer, _encoding, done) {
      const text = chunk.toString();
      sink.lines += text.split("\n").length - 1;
      sink.bytes += chunk.length;
      if (sink.text.length < 4096) sink.text += text.slice(0, 4096);
      setImmediate(done);
    },
  });
  return { sink, stream };
}

describe("writeCsv", () => {
  it("streams 100,000 rows in keyset batches, never holding more than one batch that the client has not taken", async () => {
    const TOTAL = 100_000;
    const BATCH = 500;
    const { sink, stream } = slowSink();
    let fetched = 0;
    let fetches = 0;
    let mostAhead = 0;
    const batches = cursorBatches(async (cursor) => {
      fetches += 1;
      // Rows read but not yet received by the client (the header line is the sink's extra line).
      mostAhead = Math.max(mostAhead, fetched - Math.max(0, sink.lines - 1));
      const start = cursor ? Number(cursor) : 0;
      const data = Array.from({ length: Math.min(BATCH, TOTAL - start) }, (_, i) => ({
        code: `C-${start + i}`,
        name: `Customer ${start + i}, Ltd`,
        tags: ["a", "b"],
        address: { city: "Berlin" },
      }));
      fetched += data.length;
      return { data, nextCursor: start + BATCH < TOTAL ? String(start + BATCH) : null };
    });

    const result = await writeCsv(stream, columns, batches);
    await new Promise<void>((resolve) => stream.end(resolve));

    expect(result).toEqual({ rows: TOTAL, batches: TOTAL / BATCH });
    expect(fetches).toBe(TOTAL / BATCH);
    expect(sink.lines).toBe(TOTAL + 1);
    expect(sink.bytes).toBeGreaterThan(3_000_000);
    // Back-pressure: the next batch is read only once the client has taken most of the last one.
    expect(mostAhead).toBeLessThanOrEqual(2 * BATCH);
    expect(sink.text.split("\n").slice(0, 2)).toEqual(["code,name,tags,city", 'C-0,"Customer 0, Ltd",a;b,Berlin']);
  });

  it("writes the header alone for an empty list, and nothing before the first batch is read", async () => {
    const { sink, stream } = slowSink();
    let writtenBeforeFirstFetch = -1;
    const result = await writeCsv(
      stream,
      columns,
      cursorBatches(async () => {
        writtenBeforeFirstFetch = sink.bytes;
        return { data: [], nextCursor: null };
      }),
    );
    await new Promise<void>((resolve) => stream.end(resolve));
    expect(writtenBeforeFirstFetch).toBe(0);
    expect(result).toEqual({ rows: 0, batches: 1 });
    expect(sink.text).toBe("code,name,tags,city\n");
  });

  it("stops reading when the client goes away", async () => {
    const { stream } = slowSink();
    let fetches = 0;
    const endless = cursorBatches(async () => {
      fetches += 1;
      if (fetches === 3) stream.destroy();
      return { data: [{ code: "x".repeat(20_000) }], nextCursor: "more" };
    });
    await expect(writeCsv(stream, columns, endless)).rejects.toThrow("The CSV export's destination was closed");
    expect(fetches).toBe(3);
  });
});
