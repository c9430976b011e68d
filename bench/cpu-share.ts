// Where the CPU went during a load: the server's processes (and their children: cluster workers), the
// PostgreSQL server's processes, the load generator (this process), and the machine as a whole — read from /proc
// before and after, so the bench can say what bounded a run instead of guessing. Linux only; elsewhere
// the snapshot is empty and nothing is printed.

import { readdirSync, readFileSync } from 'node:fs';

interface ProcStat {
  readonly pid: number;
  readonly ppid: number;
  readonly comm: string;
  /** utime + stime, in clock ticks. */
  readonly ticks: number;
}

export interface CpuSnapshot {
  readonly atMs: number;
  readonly procs: ReadonlyMap<number, ProcStat>;
  /** Busy and total ticks of all CPUs (/proc/stat). */
  readonly busy: number;
  readonly total: number;
}

/** Percent of one CPU each group used between two snapshots (so 2 busy cores = 200 %). */
export interface CpuShare {
  readonly server: number;
  readonly postgres: number;
  readonly loadGenerator: number;
  readonly machine: number;
  readonly cpus: number;
}

function readProc(pid: number): ProcStat | undefined {
  try {
    const line = readFileSync(`/proc/${pid}/stat`, 'utf8');
    const close = line.lastIndexOf(')');
    const comm = line.slice(line.indexOf('(') + 1, close);
    const fields = line.slice(close + 2).split(' ');
    return { pid, ppid: Number(fields[1]), comm, ticks: Number(fields[11]) + Number(fields[12]) };
  } catch {
    return undefined; // gone meanwhile, or not Linux
  }
}

export function cpuSnapshot(): CpuSnapshot {
  const procs = new Map<number, ProcStat>();
  let busy = 0;
  let total = 0;
  try {
    for (const name of readdirSync('/proc')) {
      if (!/^\d+$/.test(name)) continue;
      const stat = readProc(Number(name));
      if (stat !== undefined) procs.set(stat.pid, stat);
    }
    const cpu = readFileSync('/proc/stat', 'utf8').split('\n')[0]!.trim().split(/\s+/).slice(1).map(Number);
    total = cpu.reduce((a, b) => a + b, 0);
    busy = total - (cpu[3] ?? 0) - (cpu[4] ?? 0); // minus idle and iowait
  } catch {
    // not Linux: an empty snapshot
  }
  return { atMs: Date.now(), procs, busy, total };
}

function descendants(procs: ReadonlyMap<number, ProcStat>, root: number): Set<number> {
  const out = new Set([root]);
  for (let grew = true; grew;) {
    grew = false;
    for (const p of procs.values()) if (out.has(p.ppid) && !out.has(p.pid)) { out.add(p.pid); grew = true; }
  }
  return out;
}

/** The parent of one of its backends: the postmaster of the server at `url`, root of all its processes. */
export async function postmasterPid(url: string): Promise<number | undefined> {
  const { default: pg } = await import('pg');
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    const backend = Number((await client.query('SELECT pg_backend_pid() AS pid')).rows[0].pid);
    return readProc(backend)?.ppid;
  } finally {
    await client.end();
  }
}

/**
 * The share of each group between `before` and `after`; undefined without /proc. `postmaster`: count only
 * that PostgreSQL server's processes (other clusters on the machine are not this run's).
 */
export function cpuShare(before: CpuSnapshot, after: CpuSnapshot, serverPid: number, cpus: number, postmaster?: number): CpuShare | undefined {
  if (after.total === before.total) return undefined;
  const ticksPerSecond = 100; // USER_HZ on Linux
  const seconds = (after.atMs - before.atMs) / 1000;
  const used = (pids: Iterable<number>): number => {
    let ticks = 0;
    for (const pid of pids) ticks += (after.procs.get(pid)?.ticks ?? 0) - (before.procs.get(pid)?.ticks ?? 0);
    return (ticks / ticksPerSecond / seconds) * 100;
  };
  const server = descendants(after.procs, serverPid);
  const postgres = postmaster === undefined ? [] : descendants(after.procs, postmaster);
  return {
    server: used(server),
    postgres: used(postgres),
    loadGenerator: used([process.pid]),
    machine: ((after.busy - before.busy) / (after.total - before.total)) * 100 * cpus,
    cpus,
  };
}

/** Microseconds of CPU per request of a load, of the whole machine and of each party (from its CpuShare). */
export interface CpuPerRequest {
  readonly machine: number;
  readonly server: number;
  readonly postgres: number;
  readonly loadGenerator: number;
}

/** % of one CPU is CPU-seconds per hundred seconds: divided by the rate, the CPU one request cost. */
export const microsPerRequest = (percentOfOneCpu: number, requestsPerSecond: number): number => (percentOfOneCpu / 100) * 1e6 / requestsPerSecond;

export function cpuPerRequest(cpu: CpuShare, requestsPerSecond: number): CpuPerRequest {
  const each = (pct: number): number => microsPerRequest(pct, requestsPerSecond);
  return { machine: each(cpu.machine), server: each(cpu.server), postgres: each(cpu.postgres), loadGenerator: each(cpu.loadGenerator) };
}

/**
 * The most a load could reach if every CPU of the machine were busy at the CPU per request it was measured
 * at: the bound CPU sets on a rate, whatever the latency, threads and locks do. An estimate: it assumes the
 * cost per request stays as measured (a load generator, for one, costs less per request at higher rates).
 */
export const cpuCeilingPerSecond = (machineMicrosPerRequest: number, cpus: number): number => (cpus * 1e6) / machineMicrosPerRequest;

/**
 * The CPU each thread of a bizotp server has used so far, in seconds, from its own /metrics
 * (bizotp_thread_cpu_seconds_total: the serving thread and, on SQLite, the verify writer's threads).
 * Undefined when the server does not answer with them.
 */
export async function serverThreadCpu(port: number): Promise<Map<string, number> | undefined> {
  try {
    const text = await (await fetch(`http://127.0.0.1:${port}/metrics`)).text();
    const threads = new Map<string, number>();
    for (const [, thread, seconds] of text.matchAll(/^bizotp_thread_cpu_seconds_total\{thread="([a-z_]+)"\} (\S+)$/gm)) threads.set(thread!, Number(seconds));
    return threads.size === 0 ? undefined : threads;
  } catch {
    return undefined;
  }
}

/** Percent of one CPU each thread used between two readings `seconds` apart. */
export function threadShare(before: ReadonlyMap<string, number>, after: ReadonlyMap<string, number>, seconds: number): Record<string, number> {
  const share: Record<string, number> = {};
  for (const [thread, total] of after) share[thread] = ((total - (before.get(thread) ?? 0)) / seconds) * 100;
  return share;
}
