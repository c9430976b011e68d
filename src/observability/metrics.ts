// The Prometheus metrics of one running app (prom-client). One registry per instance, never the library's
// global one, so tests build as many apps as they like. Names follow Prometheus practice: a `bizotp_` prefix,
// base units (seconds), `_total` counters, and only bounded label values (route templates, fixed words).

import { Counter, collectDefaultMetrics, Gauge, Histogram, Registry } from 'prom-client';
import type { AuditEntry } from '../domain/store-ports.ts';
import type { PoolUsage, StoreObserver, ThreadCpu } from '../store/store-observer.ts';
import { auditEventsOf } from './audit-events.ts';

export interface Metrics extends StoreObserver {
  readonly registry: Registry;
  /** A committed transaction's audit entries and its duration (observed-store.ts). */
  committed(entries: readonly AuditEntry[], durationMs: number): void;
  /** One answered HTTP request; `route` is Fastify's route template, never the raw path. */
  httpRequest(method: string, route: string, status: number, durationMs: number): void;
}

/** 1 ms … 10 s: a verification takes a few ms; anything near seconds is a database waiting on a lock. */
const SECONDS_BUCKETS = [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10];

export function createMetrics(options: { readonly processMetrics?: boolean } = {}): Metrics {
  const registry = new Registry();
  if (options.processMetrics === true) collectDefaultMetrics({ register: registry, prefix: 'bizotp_' });
  const registers = [registry];
  const verifications = new Counter({
    name: 'bizotp_otp_verifications_total',
    help: 'OTP verifications by the action that asked (api.otp.verify, payment.authorise, …) and result: accepted, or the reason for refusing',
    labelNames: ['action', 'result'],
    registers,
  });
  const verificationSeconds = new Histogram({
    name: 'bizotp_otp_verification_duration_seconds',
    help: 'Duration of the transaction that decided an OTP verification, by result',
    labelNames: ['result'],
    buckets: SECONDS_BUCKETS,
    registers,
  });
  const logins = new Counter({ name: 'bizotp_logins_total', help: 'Login attempts by audience (admin, user, staff) and audited outcome', labelNames: ['audience', 'result'], registers });
  const locks = new Counter({ name: 'bizotp_locks_total', help: 'Locks caused by failures: token, confirm_pin, user_confirm_pin, admin_login, user_login, staff_login', labelNames: ['what'], registers });
  const httpSeconds = new Histogram({
    name: 'bizotp_http_request_duration_seconds',
    help: 'HTTP requests by method, route template and status',
    labelNames: ['method', 'route', 'status'],
    buckets: SECONDS_BUCKETS,
    registers,
  });
  const groupSizes = new Histogram({
    name: 'bizotp_sqlite_group_commit_size',
    help: 'Transactions made durable by one SQLite COMMIT (group commit)',
    buckets: [1, 2, 4, 8, 16, 32, 64],
    registers,
  });
  let readPool: (() => PoolUsage) | undefined;
  new Gauge({
    name: 'bizotp_pg_pool_connections',
    help: 'PostgreSQL pool: connections open (total), idle, and requests waiting for one (waiting)',
    labelNames: ['state'],
    registers,
    collect(): void {
      if (readPool === undefined) return;
      const usage = readPool();
      this.set({ state: 'total' }, usage.total);
      this.set({ state: 'idle' }, usage.idle);
      this.set({ state: 'waiting' }, usage.waiting);
    },
  });

  // CPU per thread: the one serving HTTP and, on SQLite, the verify writer's (store-observer.ts). What a
  // process's CPU total cannot say: which thread is the one that is full.
  let readThreads: (() => Promise<readonly ThreadCpu[]>) | undefined;
  const last = new Map<string, { readonly instance: number; readonly micros: number }>();
  new Counter({
    name: 'bizotp_thread_cpu_seconds_total',
    help: 'CPU time used by each thread of this process: serving (HTTP, the event loop), verify_reader and verify_writer (SQLite)',
    labelNames: ['thread'],
    registers,
    async collect(): Promise<void> {
      const serving = process.threadCpuUsage();
      const threads: ThreadCpu[] = [{ thread: 'serving', instance: 0, userMicros: serving.user, systemMicros: serving.system }, ...((await readThreads?.()) ?? [])];
      for (const t of threads) {
        const micros = t.userMicros + t.systemMicros;
        const before = last.get(t.thread);
        // A thread started again counts from zero: all it used is added.
        this.inc({ thread: t.thread }, (before?.instance === t.instance ? micros - before.micros : micros) / 1e6);
        last.set(t.thread, { instance: t.instance, micros });
      }
    },
  });

  return {
    registry,
    committed(entries, durationMs): void {
      for (const entry of entries) {
        for (const event of auditEventsOf(entry)) {
          if (event.kind === 'verification') {
            verifications.inc({ action: event.action, result: event.result });
            verificationSeconds.observe({ result: event.result === 'accepted' ? 'accepted' : 'rejected' }, durationMs / 1000);
          } else if (event.kind === 'login') logins.inc({ audience: event.audience, result: event.result });
          else locks.inc({ what: event.what });
        }
      }
    },
    httpRequest(method, route, status, durationMs): void {
      httpSeconds.observe({ method, route, status: String(status) }, durationMs / 1000);
    },
    groupCommitted(size): void {
      groupSizes.observe(size);
    },
    watchPool(read): void {
      readPool = read;
    },
    watchThreads(read): void {
      readThreads = read;
    },
  };
}
