// A real edge for test/edge-nginx.test.ts: Debian's nginx with a throwaway certificate, configured from the
// shipped deploy/ files (only ports and paths change), in front of bizotp server processes. Every process
// started here is remembered and stopped by `stopAll`, and the temporary folder removed, even on failure.

import { type ChildProcess, execFileSync, spawn } from 'node:child_process';
import { chmodSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import http from 'node:http';
import https from 'node:https';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

export const NGINX = '/usr/sbin/nginx';
export const ROOT = resolve(import.meta.dirname, '..', '..');
const NODE = join(ROOT, 'node_modules', '.bin', 'node');

export interface Answer {
  readonly status: number;
  readonly headers: http.IncomingHttpHeaders;
  readonly body: string;
}

export function freePort(): Promise<number> {
  return new Promise((done, fail) => {
    const server = createServer();
    server.once('error', fail);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => done(typeof address === 'object' && address !== null ? address.port : 0));
    });
  });
}

/** One request; `localAddress` picks the loopback address the client sends from (127.0.0.2, 127.0.0.3, …). */
export function request(url: string, options: { method?: string; headers?: Record<string, string>; body?: string; localAddress?: string } = {}): Promise<Answer> {
  const target = new URL(url);
  const lib = target.protocol === 'https:' ? https : http;
  return new Promise((done, fail) => {
    const req = lib.request(
      {
        host: '127.0.0.1',
        port: Number(target.port),
        path: target.pathname + target.search,
        method: options.method ?? 'GET',
        headers: { host: target.host, ...options.headers, ...(options.body === undefined ? {} : { 'content-length': String(Buffer.byteLength(options.body)) }) },
        agent: false,
        rejectUnauthorized: false, // the throwaway certificate
        servername: 'localhost',
        timeout: 30_000,
        ...(options.localAddress === undefined ? {} : { localAddress: options.localAddress }),
      },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () => done({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks).toString('utf8') }));
        res.on('error', fail);
      },
    );
    req.on('timeout', () => req.destroy(new Error(`timeout: ${url}`)));
    req.on('error', fail);
    req.end(options.body);
  });
}

export interface Edge {
  readonly dir: string;
  readonly env: NodeJS.ProcessEnv;
  /** Runs `bizotp ARGS` with `input` on stdin; returns stdout, throws on a non-zero exit. */
  cli(args: readonly string[], input?: string): string;
  /** Starts `bizotp serve` on a free port; resolves when /readyz answers 200. */
  serve(): Promise<Server>;
  /** The https origin nginx will answer on (BIZOTP_PUBLIC_ORIGIN of the servers). */
  readonly origin: string;
  /** Starts nginx from deploy/ in front of the given ports; returns its https origin. */
  nginx(upstreamPorts: readonly [number, number]): Promise<string>;
  stopAll(): Promise<void>;
}

export interface Server {
  readonly port: number;
  readonly process: ChildProcess;
  output(): string;
}

/** Generous bounds: on a loaded CI machine a Node process alone may take many seconds to start. */
async function waitFor(check: () => Promise<boolean>, what: string, timeoutMs = 90_000): Promise<void> {
  const until = Date.now() + timeoutMs;
  while (Date.now() < until) {
    if (await check().catch(() => false)) return;
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`${what} did not come up within ${timeoutMs} ms`);
}

/** deploy/nginx-bizotp.conf with the test's ports and paths; everything else as shipped. */
export function siteFromDeploy(dir: string, httpsPort: number, upstreamPorts: readonly [number, number]): string {
  const site = readFileSync(join(ROOT, 'deploy', 'nginx-bizotp.conf'), 'utf8');
  const out = site
    .replace('server 127.0.0.1:3001 ', `server 127.0.0.1:${upstreamPorts[0]} `)
    .replace('server 127.0.0.1:3002 ', `server 127.0.0.1:${upstreamPorts[1]} `)
    // The plain-HTTP redirect needs port 80: left out.
    .replace(/server \{\n {4}listen 80;[\s\S]*?\n\}\n/, '')
    .replace(/ {4}listen \[::\]:443 ssl http2;\n/, '')
    .replace('listen 443 ssl http2;', `listen 127.0.0.1:${httpsPort} ssl http2;`)
    .replace('/etc/ssl/bizotp/fullchain.pem', join(dir, 'cert.pem'))
    .replace('/etc/ssl/bizotp/privkey.pem', join(dir, 'key.pem'))
    .replaceAll('/etc/nginx/snippets/bizotp-proxy.conf', join(dir, 'bizotp-proxy.conf'));
  for (const needle of [`:${upstreamPorts[0]} `, `:${upstreamPorts[1]} `, `:${httpsPort} ssl`, join(dir, 'cert.pem')]) {
    if (!out.includes(needle)) throw new Error(`deploy/nginx-bizotp.conf changed shape: ${needle} not placed`);
  }
  return out;
}

export async function createEdge(databaseUrl: string): Promise<Edge> {
  const httpsPort = await freePort();
  const publicOrigin = `https://localhost:${httpsPort}`;
  const dir = mkdtempSync(join(tmpdir(), 'bizotp-edge-'));
  chmodSync(dir, 0o755); // nginx's workers (nobody) read the config and write temp files here
  const keyFile = join(dir, 'master.key');
  writeFileSync(keyFile, `${execFileSync('openssl', ['rand', '-hex', '32']).toString().trim()}\n`, { mode: 0o600 });
  // nginx stops its workers on SIGTERM; a SIGKILLed master would leave them listening.
  const children: { child: ChildProcess; signal: NodeJS.Signals }[] = [];
  const env = (): NodeJS.ProcessEnv => {
    const e: NodeJS.ProcessEnv = { ...process.env, BIZOTP_DATABASE_URL: databaseUrl, BIZOTP_MASTER_KEY_FILE: keyFile, BIZOTP_TRUSTED_PROXIES: '127.0.0.1', BIZOTP_PUBLIC_ORIGIN: publicOrigin, HOST: '127.0.0.1' };
    delete e.BIZOTP_DEV;
    delete e.BIZOTP_MASTER_KEY;
    return e;
  };
  return {
    dir,
    origin: publicOrigin,
    get env() {
      return env();
    },
    cli(args, input = '') {
      return execFileSync(NODE, [join(ROOT, 'src', 'main.ts'), ...args], { cwd: ROOT, env: env(), input, stdio: ['pipe', 'pipe', 'pipe'], timeout: 90_000 }).toString();
    },
    async serve() {
      const port = await freePort();
      const child = spawn(NODE, [join(ROOT, 'src', 'main.ts'), 'serve'], { cwd: ROOT, env: { ...env(), PORT: String(port) }, stdio: ['ignore', 'pipe', 'pipe'] });
      children.push({ child, signal: 'SIGKILL' });
      let output = '';
      child.stdout.on('data', (c: Buffer) => (output += c.toString()));
      child.stderr.on('data', (c: Buffer) => (output += c.toString()));
      await waitFor(async () => (await request(`http://127.0.0.1:${port}/readyz`)).status === 200, `bizotp serve on ${port} (${output})`);
      return { port, process: child, output: () => output };
    },
    async nginx(upstreamPorts) {
      const port = httpsPort;
      execFileSync('openssl', ['req', '-x509', '-newkey', 'rsa:2048', '-nodes', '-days', '1', '-subj', '/CN=localhost', '-keyout', join(dir, 'key.pem'), '-out', join(dir, 'cert.pem')], { stdio: 'ignore' });
      writeFileSync(join(dir, 'bizotp-proxy.conf'), readFileSync(join(ROOT, 'deploy', 'nginx-bizotp-proxy.conf')));
      writeFileSync(join(dir, 'site.conf'), siteFromDeploy(dir, port, upstreamPorts));
      const temp = ['client_body', 'proxy', 'fastcgi', 'uwsgi', 'scgi'].map((k) => `${k}_temp_path ${join(dir, `${k}-temp`)};`).join('\n  ');
      writeFileSync(
        join(dir, 'nginx.conf'),
        `daemon off;\nworker_processes 1;\npid ${join(dir, 'nginx.pid')};\nerror_log ${join(dir, 'error.log')} warn;\nevents { worker_connections 256; }\nhttp {\n  access_log ${join(dir, 'access.log')};\n  ${temp}\n  include ${join(dir, 'site.conf')};\n}\n`,
      );
      const child = spawn(NGINX, ['-p', dir, '-e', join(dir, 'error.log'), '-c', join(dir, 'nginx.conf')], { stdio: ['ignore', 'pipe', 'pipe'] });
      children.push({ child, signal: 'SIGTERM' });
      let output = '';
      child.stderr.on('data', (c: Buffer) => (output += c.toString()));
      await waitFor(async () => (await request(`${publicOrigin}/healthz`)).status === 200, `nginx on ${port} (${output})`);
      return publicOrigin;
    },
    async stopAll() {
      for (const { child, signal } of children.reverse()) {
        if (child.exitCode !== null || child.signalCode !== null) continue;
        const exited = new Promise((r) => child.once('exit', r));
        child.kill(signal);
        const late = setTimeout(() => child.kill('SIGKILL'), 5000);
        await exited;
        clearTimeout(late);
      }
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
