/** mulberry32: a tiny, fast, seeded PRNG, so the same seed always produces the same estate. */
export class Prng {
  private state: number;

  constructor(seed: number) {
    this.state = seed >>> 0;
  }

  /** Uniform in [0, 1). */
  next(): number {
    this.state = (this.state + 0x6d2b79f5) >>> 0;
    let t = this.state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  }

  /** Integer in [min, max] inclusive. */
  int(min: number, max: number): number {
    return min + Math.floor(this.next() * (max - min + 1));
  }

  chance(probability: number): boolean {
    return this.next() < probability;
  }

  pick<T>(items: readonly T[]): T {
    return items[Math.floor(this.next() * items.length)];
  }

  /** Picks by weight: `[[value, weight], …]`. */
  weighted<T>(choices: readonly (readonly [T, number])[]): T {
    const total = choices.reduce((sum, [, weight]) => sum + weight, 0);
    let roll = this.next() * total;
    for (const [value, weight] of choices) {
      roll -= weight;
      if (roll < 0) return value;
    }
    return choices[choices.length - 1][0];
  }
}

/**
 * Deterministic UUIDv7 ids: the 48-bit millisecond timestamp of `at` and 74 bits from a seeded
 * Prng, so the same seed gives the same ids (baseColumns uses crypto random bits).
 */
export class DeterministicIds {
  private readonly random: Prng;

  constructor(seed: number) {
    this.random = new Prng(seed ^ 0x5eed1d5);
  }

  uuid(at: Date): string {
    const bytes = Buffer.alloc(16);
    bytes.writeUIntBE(Math.max(0, at.getTime()), 0, 6);
    for (let offset = 6; offset < 16; offset += 2)
      bytes.writeUInt16BE(Math.floor(this.random.next() * 65536), offset);
    bytes[6] = 0x70 | (bytes[6] & 0x0f);
    bytes[8] = (bytes[8] & 0x3f) | 0x80;
    const hex = bytes.toString('hex');
    return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
  }
}
