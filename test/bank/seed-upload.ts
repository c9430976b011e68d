// Uploading a seed file to シードファイル取込 over `inject`, as a browser's multipart form would, with the
// agent's cookies and CSRF token; and reading the preview page.

import { readFileSync } from 'node:fs';
import type { FastifyInstance } from 'fastify';
import { errorsOf, type Agent, type Page } from '../web/agent.ts';

export interface SeedForm {
  readonly keyKind?: 'none' | 'psk' | 'passphrase';
  readonly key?: string;
  /** 平文のシードファイルの取込を許可する; default ticked, so the fixtures' plaintext files go through. */
  readonly allowPlaintext?: boolean;
  readonly model?: string;
  readonly contractId?: string;
  readonly reason?: string;
  readonly csrf?: string;
}

/** `file`: a path under fixtures/, or the file's name and bytes; null sends no file. */
export async function uploadSeed(app: FastifyInstance, a: Agent, file: string | { name: string; bytes: Buffer } | null, form: SeedForm = {}): Promise<Page> {
  await a.get('/bank/seed-import');
  const boundary = '----bizotpTestBoundary7MA4YWxkTrZu0gW';
  const fields: Record<string, string> = { _csrf: form.csrf ?? a.csrf(), keyKind: form.keyKind ?? 'none', allowPlaintext: form.allowPlaintext === false ? '' : '1', key: form.key ?? '', model: form.model ?? 'hw1', contractId: form.contractId ?? '', reason: form.reason ?? '12月納品分' };
  const parts: Buffer[] = [];
  for (const [name, value] of Object.entries(fields)) {
    parts.push(Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="${name}"\r\n\r\n${value}\r\n`));
  }
  if (file !== null) {
    const { name, bytes } = typeof file === 'string' ? { name: file.split('/').pop() ?? 'seed', bytes: readFileSync(new URL(`../../fixtures/${file}`, import.meta.url)) } : file;
    parts.push(Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="seedFile"; filename="${name}"\r\nContent-Type: application/octet-stream\r\n\r\n`), bytes, Buffer.from('\r\n'));
  }
  parts.push(Buffer.from(`--${boundary}--\r\n`));
  const cookie = [...a.cookies].map(([k, v]) => `${k}=${v}`).join('; ');
  const response = await app.inject({ method: 'POST', url: '/bank/seed-import', headers: { cookie, 'content-type': `multipart/form-data; boundary=${boundary}` }, payload: Buffer.concat(parts) });
  const location = response.headers.location;
  return { status: response.statusCode, body: response.body, headers: response.headers, location: typeof location === 'string' ? location : undefined, errors: errorsOf(response.body) };
}

/** The waiting upload's id from a preview page, or undefined when the file was refused. */
export function uploadIdOf(page: Page): string | undefined {
  return /action="\/bank\/seed-import\/([A-Za-z0-9_-]{32})\/commit"/.exec(page.body)?.[1];
}

/** The code of the importer's refusal shown on a page (data-refusal), or undefined. */
export function refusalOf(page: Page): string | undefined {
  return /data-refusal="([a-z_]+)"/.exec(page.body)?.[1];
}

export function previewValue(page: Page, name: string): string | undefined {
  const m = new RegExp(`data-preview="${name}">([\\s\\S]*?)</dd>`).exec(page.body);
  return m?.[1]?.replace(/<[^>]+>/g, '').trim();
}

/** Follows the progress page until the import has finished (each GET is one reload of the page). */
export async function untilFinished(a: Agent, location: string): Promise<Page> {
  for (let i = 0; i < 500; i++) {
    const page = await a.get(location);
    if (!page.body.includes('http-equiv="refresh"')) return page;
    await new Promise((resolve) => setImmediate(resolve));
  }
  throw new Error('the import did not finish');
}
