import { randomBytes } from 'node:crypto';

let lastMilliseconds = 0;
let sequence = 0;

/**
 * UUIDv7 (RFC 9562): 48-bit Unix milliseconds, version 7, 12 bits of counter for ids made in the
 * same millisecond (so ids from one process sort in creation order), variant, 62 random bits.
 */
export function uuidV7(now: number = Date.now()): string {
  if (now === lastMilliseconds) {
    sequence = (sequence + 1) & 0xfff;
    if (sequence === 0) now = ++lastMilliseconds; // 4096 ids in one millisecond: borrow the next one
  } else if (now < lastMilliseconds) {
    now = lastMilliseconds; // the clock went back: keep ids increasing
    sequence = (sequence + 1) & 0xfff;
  } else {
    sequence = randomBytes(2).readUInt16BE(0) & 0x3ff; // random start, leaving room to count up
  }
  lastMilliseconds = now;
  const bytes = randomBytes(16);
  bytes.writeUIntBE(now, 0, 6);
  bytes[6] = 0x70 | ((sequence >> 8) & 0x0f);
  bytes[7] = sequence & 0xff;
  bytes[8] = (bytes[8] & 0x3f) | 0x80;
  const hex = bytes.toString('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}
