// Deterministic fuzz inputs (a seeded PRNG, so a failure reproduces): strings mixing ASCII, full-width
// look-alikes, kana, control characters and huge numbers, and JSON values of every shape.

export function prng(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (s + 0x6d2b79f5) >>> 0;
    let t = s;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const PIECES = ['0', '123456', '１２３', 'ﾔﾏﾀﾞ', 'ヤマダ', 'やまだ', '山田', ' ', '\u3000', '\u0000', '\n', '<script>', '"', "'", '%00', '-1', '1e309', '99999999999999999999', '__proto__', 'constructor', '\ud800', '😀', 'A'.repeat(300), ',', '.', '/', '(', 'ｯ', 'ｰ'];

export function fuzzString(rand: () => number): string {
  let out = '';
  const n = Math.floor(rand() * 5);
  for (let i = 0; i < n; i++) out += PIECES[Math.floor(rand() * PIECES.length)] ?? '';
  return out;
}

export function fuzzJson(rand: () => number, depth = 0): unknown {
  const pick = Math.floor(rand() * (depth > 2 ? 6 : 8));
  switch (pick) {
    case 0: return null;
    case 1: return rand() < 0.5;
    case 2: return [0, -1, 1e308, 123456, 2 ** 53 + 1, 0.5][Math.floor(rand() * 6)];
    case 3:
    case 4:
    case 5: return fuzzString(rand);
    case 6: return Array.from({ length: Math.floor(rand() * 3) }, () => fuzzJson(rand, depth + 1));
    default: {
      const keys = ['contract', 'login', 'otp', 'timestamp', '__proto__', 'constructor', fuzzString(rand)];
      return Object.fromEntries(keys.filter(() => rand() < 0.6).map((k) => [k, fuzzJson(rand, depth + 1)]));
    }
  }
}
