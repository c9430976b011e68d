// `bizotp serve --workers N`: N server processes sharing one port (node:cluster; the primary hands out the
// connections). Only on PostgreSQL: every process has its own pool, and the rows (used codes, locks,
// throttles, sessions) are shared, exactly as between instances on several machines. On SQLite one
// writer process stays the rule: the group commit (src/store/sqlite/group-commit.ts) makes one process's
// transactions share each disk sync, while processes would queue on the database file's single write lock
// (SQLITE_BUSY) and each pay its own sync — fewer verifications a second, not more.

import cluster, { type Worker } from 'node:cluster';

/** The most processes one machine reasonably runs; more is a typo. */
export const MAX_WORKERS = 64;

/** A worker that dies this soon after its start is not restarted (it would only die again). */
const RESTART_AFTER_MS = 5_000;

export function parseWorkers(value: string | undefined): number | null {
  if (value === undefined) return 1;
  if (!/^[1-9][0-9]*$/.test(value)) return null;
  const n = Number(value);
  return n <= MAX_WORKERS ? n : null;
}

export interface WorkersLog {
  (line: string): void;
}

/**
 * In the primary: forks `count` workers (each runs this same command and serves), restarts one that dies
 * while serving, and on SIGTERM/SIGINT stops them all. Resolves with 0 once every worker has stopped, or
 * with the exit code of a worker that failed before it served (the others are stopped then).
 */
export function runWorkers(count: number, log: WorkersLog): Promise<number> {
  return new Promise((resolve) => {
    let stopping = false;
    let failure = 0;
    const startedAt = new Map<Worker, number>();
    const served = new Set<Worker>();
    const live = new Set<Worker>();

    const fork = (): void => {
      const worker = cluster.fork();
      startedAt.set(worker, Date.now());
      live.add(worker);
      worker.once('listening', () => served.add(worker));
    };

    const stopAll = (): void => {
      stopping = true;
      for (const worker of live) worker.process.kill('SIGTERM');
    };

    cluster.on('exit', (worker, code, signal) => {
      const everServed = served.has(worker);
      const livedMs = Date.now() - (startedAt.get(worker) ?? 0);
      startedAt.delete(worker);
      served.delete(worker);
      live.delete(worker);
      if (!stopping) {
        if (everServed && livedMs >= RESTART_AFTER_MS) {
          log(`bizotp: ワーカー（pid ${worker.process.pid}）が終了しました（${signal ?? code}）。再起動します。`);
          fork();
        } else {
          failure = code !== null && code !== 0 ? code : 1;
          log(`bizotp: ワーカー（pid ${worker.process.pid}）が起動直後に終了しました（${signal ?? code}）。すべて停止します。`);
          stopAll();
        }
      }
      if (live.size === 0 && stopping) resolve(failure);
    });

    process.once('SIGTERM', stopAll);
    process.once('SIGINT', stopAll);
    for (let i = 0; i < count; i++) fork();
  });
}

export function isClusterWorker(): boolean {
  return cluster.isWorker;
}
