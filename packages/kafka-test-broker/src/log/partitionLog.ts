/**
 * One topic-partition's log: an append-only array of record batches with broker-assigned base
 * offsets. Log start offset is always 0 (no retention/deletion in a test broker).
 */
import { assignBaseOffset, type DecodedBatch, type KafkaRecord } from "../records/recordBatch";

export interface StoredBatch {
  baseOffset: number;
  /** Inclusive. */
  lastOffset: number;
  maxTimestamp: number;
  /** Wire bytes with the assigned base offset — served to consumers unchanged. */
  raw: Buffer;
  records: KafkaRecord[];
}

export class PartitionLog {
  readonly batches: StoredBatch[] = [];
  /** Next offset to assign == high watermark (single replica, so everything appended is committed). */
  highWatermark = 0;
  readonly logStartOffset = 0;
  private readonly listeners = new Set<() => void>();

  constructor(
    readonly topic: string,
    readonly partition: number,
  ) {}

  /** Append validated batches, assigning offsets. Returns the base offset of the first one. */
  append(batches: DecodedBatch[]): number {
    const firstBase = this.highWatermark;
    for (const b of batches) {
      const baseOffset = this.highWatermark;
      // Offsets advance by lastOffsetDelta + 1, like Kafka, so offset deltas inside the batch stay valid.
      const span = b.lastOffsetDelta + 1;
      assignBaseOffset(b.raw, baseOffset);
      this.batches.push({
        baseOffset,
        lastOffset: baseOffset + span - 1,
        maxTimestamp: b.maxTimestamp,
        raw: b.raw,
        records: b.records.map((r) => ({ ...r, offset: r.offset - b.baseOffset + baseOffset })),
      });
      this.highWatermark += span;
    }
    // Wake long-polling fetches; copy first because a listener may unsubscribe while we iterate.
    for (const l of [...this.listeners]) l();
    return firstBase;
  }

  /**
   * Batches containing offsets ≥ fetchOffset, up to maxBytes. The first batch is always included
   * even if larger than maxBytes (KIP-74) when `mustReturnFirst`, so a consumer can never get stuck
   * behind one oversized batch. Returned batches may start before fetchOffset; clients skip those
   * records, as they do with a real broker.
   */
  read(fetchOffset: number, maxBytes: number, mustReturnFirst: boolean): Buffer[] {
    const out: Buffer[] = [];
    let idx = this.findBatch(fetchOffset);
    let total = 0;
    for (; idx < this.batches.length; idx++) {
      const b = this.batches[idx] as StoredBatch;
      if (total + b.raw.length > maxBytes && !(out.length === 0 && mustReturnFirst)) break;
      out.push(b.raw);
      total += b.raw.length;
    }
    return out;
  }

  /** Binary search: index of the first batch whose lastOffset ≥ offset. */
  private findBatch(offset: number): number {
    let lo = 0;
    let hi = this.batches.length;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if ((this.batches[mid] as StoredBatch).lastOffset < offset) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  }

  /** First offset whose batch maxTimestamp ≥ ts (ListOffsets by time), or null. */
  offsetForTimestamp(ts: number): { offset: number; timestamp: number } | null {
    for (const b of this.batches) {
      if (b.maxTimestamp < ts) continue;
      const rec = b.records.find((r) => r.timestamp >= ts);
      if (rec) return { offset: rec.offset, timestamp: rec.timestamp };
    }
    return null;
  }

  records(): KafkaRecord[] {
    return this.batches.flatMap((b) => b.records);
  }

  /** Subscribe to appends (for Fetch long-poll). Returns the unsubscribe function. */
  onAppend(listener: () => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** Wake everyone (used on topic deletion / shutdown so waiters re-evaluate and finish). */
  wakeAll(): void {
    for (const l of [...this.listeners]) l();
  }
}
