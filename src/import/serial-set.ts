// Duplicate-serial detection for files of a million tokens without a million JS strings.
// Serials are stored once, as bytes, in a growing arena; an open-addressing table of arena offsets finds them.
// Cost per serial of n ASCII bytes: n + 1 arena bytes and 8–16 table bytes (load factor 1/4 … 1/2).
// Measured on Node 24 for 1,000,000 14-digit serials: ~23 MB outside the JS heap, against ~53 MB of
// heap for a Set<string> (which also makes every garbage collection walk a million strings).

const INITIAL_SLOTS = 1024;
const INITIAL_ARENA = 16 * 1024;

export class SerialSet {
  #arena = Buffer.alloc(INITIAL_ARENA);
  #arenaUsed = 0;
  /** offset + 1 into the arena; 0 marks an empty slot */
  #slots = new Uint32Array(INITIAL_SLOTS);
  #count = 0;

  get size(): number {
    return this.#count;
  }

  /** Adds an ASCII serial of 1–255 bytes; returns false when it was already present. */
  add(serial: string): boolean {
    const bytes = Buffer.from(serial, 'latin1');
    if (bytes.length === 0 || bytes.length > 255) throw new RangeError('serial length out of range');
    const mask = this.#slots.length - 1;
    let slot = hash(bytes, 0, bytes.length) & mask;
    for (;;) {
      const stored = this.#slots[slot] ?? 0;
      if (stored === 0) break;
      if (this.#equals(stored - 1, bytes)) return false;
      slot = (slot + 1) & mask;
    }
    this.#slots[slot] = this.#append(bytes) + 1;
    this.#count += 1;
    if (this.#count * 2 > this.#slots.length) this.#grow();
    return true;
  }

  #equals(offset: number, bytes: Buffer): boolean {
    const length = this.#arena[offset];
    if (length !== bytes.length) return false;
    return this.#arena.compare(bytes, 0, length, offset + 1, offset + 1 + length) === 0;
  }

  #append(bytes: Buffer): number {
    const needed = this.#arenaUsed + 1 + bytes.length;
    if (needed > this.#arena.length) {
      const bigger = Buffer.alloc(Math.max(needed, this.#arena.length * 2));
      this.#arena.copy(bigger, 0, 0, this.#arenaUsed);
      this.#arena = bigger;
    }
    const offset = this.#arenaUsed;
    this.#arena[offset] = bytes.length;
    bytes.copy(this.#arena, offset + 1);
    this.#arenaUsed = needed;
    return offset;
  }

  #grow(): void {
    const old = this.#slots;
    this.#slots = new Uint32Array(old.length * 2);
    const mask = this.#slots.length - 1;
    for (const stored of old) {
      if (stored === 0) continue;
      const offset = stored - 1;
      let slot = hash(this.#arena, offset + 1, offset + 1 + (this.#arena[offset] ?? 0)) & mask;
      while (this.#slots[slot] !== 0) slot = (slot + 1) & mask;
      this.#slots[slot] = stored;
    }
  }
}

/** 32-bit FNV-1a with a murmur3 finaliser, so sequential serials spread over the low bits. */
function hash(bytes: Uint8Array, start: number, end: number): number {
  let h = 0x811c9dc5;
  for (let i = start; i < end; i++) {
    h ^= bytes[i] ?? 0;
    h = Math.imul(h, 0x01000193);
  }
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  h ^= h >>> 16;
  return h >>> 0;
}
