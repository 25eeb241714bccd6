import { randomBytes } from "node:crypto";

let lastMs = 0;
let sequence = 0;

/**
 * RFC 9562 UUIDv7: 48-bit Unix milliseconds, version 7, then random bits. Within one millisecond
 * the top 12 random bits (rand_a) are a counter seeded randomly, so ids minted in one process sort
 * in creation order; when it overflows the timestamp is advanced by one millisecond (RFC 9562 §6.2,
 * method 1 with a monotonic clock), which keeps ordering without blocking.
 */
export function uuidv7(): string {
  const now = Date.now();
  if (now > lastMs) {
    lastMs = now;
    sequence = randomBytes(2).readUInt16BE(0) & 0x7ff; // leave headroom for the counter
  } else if (++sequence > 0xfff) {
    lastMs += 1;
    sequence = 0;
  }

  const bytes = randomBytes(16);
  bytes.writeUIntBE(lastMs, 0, 6);
  bytes[6] = 0x70 | (sequence >> 8);
  bytes[7] = sequence & 0xff;
  bytes[8] = 0x80 | (bytes[8]! & 0x3f);

  const hex = bytes.toString("hex");
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}
