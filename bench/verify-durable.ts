// Durable verification through the domain path every channel uses: reserve the attempt, check the code,
// consume it and commit — one transaction per verification, as a payment would do it.

import { randomBytes } from 'node:crypto';
import type { DomainDeps } from '../src/domain/deps.ts';
import { createKeyring } from '../src/domain/secret-box.ts';
import { useTokenCode } from '../src/domain/use-token.ts';
import { hmacKey } from '../src/otp/hotp.ts';
import { totp } from '../src/otp/totp.ts';
import { openStore } from '../src/store/open-store.ts';
import type { Rate } from './verify-cpu.ts';

export interface DurableResult extends Rate {
  readonly concurrency: number;
  readonly tokens: number;
  readonly p99Ms: number;
}

export async function benchVerifyDurable(name: string, url: string, tokens: number, concurrency: number): Promise<DurableResult> {
  const store = await openStore(url);
  const nowMs = Date.UTC(2026, 10, 24, 9, 0, 0);
  const deps: DomainDeps = { store, keyring: createKeyring(randomBytes(32)), now: () => nowMs, hashCost: { memoryKiB: 1024, passes: 1, parallelism: 1 } };
  const codes: { serial: string; code: string }[] = [];
  await store.transaction(async (tx) => {
    const batch = [];
    for (let i = 0; i < tokens; i++) {
      const serial = `8${String(i).padStart(13, '0')}`;
      const secret = randomBytes(20);
      codes.push({ serial, code: totp(hmacKey(secret), nowMs, { algorithm: 'SHA1', digits: 6, stepSeconds: 30 }) });
      batch.push({ serial, kind: 'hardware' as const, model: 'hw1' as const, params: { type: 'totp' as const, algorithm: 'SHA1' as const, digits: 6 as const, stepSeconds: 30 as const }, sealed: deps.keyring.seal(serial, secret), counter: 0n, expiresAtMs: null, demo: false, contractId: null, status: 'registered' as const });
      if (batch.length === 500) await tx.tokens.insertBatch(batch.splice(0));
    }
    if (batch.length > 0) await tx.tokens.insertBatch(batch);
  });
  const latencies: number[] = [];
  let next = 0;
  let accepted = 0;
  const start = performance.now();
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      for (let i = next++; i < codes.length; i = next++) {
        const { serial, code } = codes[i]!;
        const t0 = performance.now();
        const r = await store.transaction((tx) => useTokenCode(tx, deps.keyring, nowMs, { serial, code, purpose: 'payment', statuses: ['registered'] }));
        latencies.push(performance.now() - t0);
        if (r.kind === 'accepted') accepted++;
      }
    }),
  );
  const seconds = (performance.now() - start) / 1000;
  await store.close();
  if (accepted !== tokens) throw new Error(`only ${accepted} of ${tokens} codes were accepted`);
  latencies.sort((a, b) => a - b);
  return { name, concurrency, tokens, perSecond: tokens / seconds, p99Ms: latencies[Math.floor(latencies.length * 0.99)] ?? 0 };
}
