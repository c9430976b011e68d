import { hash, type KeyObject } from 'node:crypto';

// HMAC-SHA-1 of one 8-byte counter (RFC 4226 §5.1), with the key's two pad blocks hashed once per key (RFC 2104
// §4: "precompute the intermediate results of the compression function on the blocks (K XOR ipad) and
// (K XOR opad)"). Each HMAC is then two SHA-1 compressions (FIPS 180-4 §6.1.2) and no allocation, about five
// times cheaper than node:crypto's createHmac, whose per-call object and native crossing cost more than the
// hashing of 8 bytes. Why SHA-1 only: it is what the banks' tokens use (RFC 4226, RFC 6238's default); SHA-256
// and SHA-512 stay on node:crypto. Constant time: only 32-bit add, rotate and logic, no branch or index that
// depends on the key or the counter (the round-dependent choice of f and k depends on the round number alone).

const BLOCK_BYTES = 64;
const IV = Int32Array.of(0x67452301, 0xefcdab89 | 0, 0x98badcfe | 0, 0x10325476, 0xc3d2e1f0 | 0);

/** The SHA-1 chaining values after the key's ipad block and after its opad block. */
export interface Sha1PadState {
  readonly inner: Int32Array;
  readonly outer: Int32Array;
}

// One message schedule and one output reused by every call: the engine is synchronous, so no call interleaves.
const W = new Int32Array(80);
const H = new Int32Array(5);

function compress(state: Int32Array, out: Int32Array): void {
  for (let t = 16; t < 80; t++) {
    const x = W[t - 3]! ^ W[t - 8]! ^ W[t - 14]! ^ W[t - 16]!;
    W[t] = (x << 1) | (x >>> 31);
  }
  let a = state[0]!;
  let b = state[1]!;
  let c = state[2]!;
  let d = state[3]!;
  let e = state[4]!;
  for (let t = 0; t < 20; t++) {
    const tmp = (((a << 5) | (a >>> 27)) + ((b & c) | (~b & d)) + e + 0x5a827999 + W[t]!) | 0;
    e = d; d = c; c = (b << 30) | (b >>> 2); b = a; a = tmp;
  }
  for (let t = 20; t < 40; t++) {
    const tmp = (((a << 5) | (a >>> 27)) + (b ^ c ^ d) + e + 0x6ed9eba1 + W[t]!) | 0;
    e = d; d = c; c = (b << 30) | (b >>> 2); b = a; a = tmp;
  }
  for (let t = 40; t < 60; t++) {
    const tmp = (((a << 5) | (a >>> 27)) + ((b & c) | (b & d) | (c & d)) + e + (0x8f1bbcdc | 0) + W[t]!) | 0;
    e = d; d = c; c = (b << 30) | (b >>> 2); b = a; a = tmp;
  }
  for (let t = 60; t < 80; t++) {
    const tmp = (((a << 5) | (a >>> 27)) + (b ^ c ^ d) + e + (0xca62c1d6 | 0) + W[t]!) | 0;
    e = d; d = c; c = (b << 30) | (b >>> 2); b = a; a = tmp;
  }
  out[0] = (state[0]! + a) | 0;
  out[1] = (state[1]! + b) | 0;
  out[2] = (state[2]! + c) | 0;
  out[3] = (state[3]! + d) | 0;
  out[4] = (state[4]! + e) | 0;
}

function padChain(key: Uint8Array, pad: number): Int32Array {
  for (let i = 0; i < 16; i++) {
    let word = 0;
    for (let j = 0; j < 4; j++) word = (word << 8) | (((key[i * 4 + j] ?? 0) ^ pad) & 0xff);
    W[i] = word;
  }
  const out = new Int32Array(5);
  compress(IV, out);
  return out;
}

// The pad state rides on its KeyObject as a class-private field, stamped on through a base constructor that
// returns the key (ECMAScript's "return override"): a key reused for many verifications pays its pads once and
// the chaining values go when the key does. Why not a WeakMap: each entry for a key used once (a KeyObject made
// per verification) cost about 1 µs of ephemeron bookkeeping and GC, and a lookup twice a field read. Why not
// a symbol property: util.inspect, spread and getOwnPropertySymbols would show it, and a logged key would
// then print values that compute its HMACs; a private field is visible to no code outside this class.
class KeyStamp {
  constructor(key: KeyObject) {
    // biome-ignore lint/correctness/noConstructorReturn: the return override is what stamps the private field onto the key.
    return key as unknown as KeyStamp;
  }
}

class PadSlot extends KeyStamp {
  readonly #state: Sha1PadState;

  private constructor(key: KeyObject, state: Sha1PadState) {
    super(key);
    this.#state = state;
  }

  static of(key: KeyObject): Sha1PadState | undefined {
    return #state in key ? (key as unknown as PadSlot).#state : undefined;
  }

  static attach(key: KeyObject, state: Sha1PadState): void {
    // A key that cannot take a field (none does today) simply gets its pads computed on every call.
    if (Object.isExtensible(key)) new PadSlot(key, state);
  }
}

/** The pad state of `key` (a secret KeyObject); RFC 2104 §2: a key longer than a block is hashed first. */
export function sha1PadState(key: KeyObject): Sha1PadState {
  let state = PadSlot.of(key);
  if (state === undefined) {
    const raw = key.export();
    const k = raw.length > BLOCK_BYTES ? hash('sha1', raw, 'buffer') : raw;
    state = { inner: padChain(k, 0x36), outer: padChain(k, 0x5c) };
    raw.fill(0);
    PadSlot.attach(key, state);
  }
  return state;
}

/**
 * HMAC-SHA-1(K, C) for the 8-byte counter C = hi·2^32 + lo (RFC 4226 §5.1), as five big-endian 32-bit words.
 * The array is this module's output buffer, valid until the next call: read it before computing another HMAC.
 */
export function hmacSha1Counter(state: Sha1PadState, hi: number, lo: number): Int32Array {
  // Inner hash: one block holding C (8 bytes), the 0x80 terminator and the bit length of ipad ‖ C.
  W[0] = hi | 0;
  W[1] = lo | 0;
  W[2] = 0x80000000 | 0;
  for (let i = 3; i < 15; i++) W[i] = 0;
  W[15] = (BLOCK_BYTES + 8) * 8;
  compress(state.inner, H);
  // Outer hash: one block holding the 20-byte inner digest, the terminator and the bit length of opad ‖ digest.
  W[0] = H[0]!;
  W[1] = H[1]!;
  W[2] = H[2]!;
  W[3] = H[3]!;
  W[4] = H[4]!;
  W[5] = 0x80000000 | 0;
  for (let i = 6; i < 15; i++) W[i] = 0;
  W[15] = (BLOCK_BYTES + 20) * 8;
  compress(state.outer, H);
  return H;
}

/**
 * RFC 4226 §5.3 Truncate(HMAC-SHA-1(K, C)) for the counter C = hi·2^32 + lo: the 31-bit value before
 * `mod 10^digits`. hi and lo are the counter's two unsigned 32-bit halves.
 */
export function hotpSha1Truncated(state: Sha1PadState, hi: number, lo: number): number {
  const mac = hmacSha1Counter(state, hi, lo);
  // RFC 4226 §5.3: the low 4 bits of byte 19 give the offset; bytes offset…offset+3, top bit masked.
  const offset = mac[4]! & 0x0f;
  const word = offset >> 2;
  const shift = (offset & 3) * 8;
  // offset ≤ 15, so the four bytes lie within words `word` and `word + 1` ≤ 4.
  const high = mac[word]!;
  const low = mac[word + 1]!;
  const value = shift === 0 ? high : (high << shift) | (low >>> (32 - shift));
  return value & 0x7fffffff;
}
