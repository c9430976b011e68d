// A small in-process browser over `app.inject`: it keeps cookies, remembers the CSRF token of the last page,
// follows nothing by itself, and reads the error codes a page shows (next to fields, in the summary, or as
// the refusal of a whole payment).

import type { FastifyInstance, LightMyRequestResponse } from 'fastify';
import { DEMO } from '../../src/demo-data.ts';
import { C } from './fixture.ts';

export interface Page {
  readonly status: number;
  readonly body: string;
  readonly headers: LightMyRequestResponse['headers'];
  readonly location: string | undefined;
  /** Field name → error code; `_form` for the summary, `_page` for a refusal. */
  readonly errors: Record<string, string>;
}

export interface UserAgent {
  readonly cookies: Map<string, string>;
  get(url: string): Promise<Page>;
  /** `via`: another server instance to send it to (the session lives in the shared database). */
  post(url: string, form: Record<string, string>, options?: { csrf?: string | false; headers?: Record<string, string>; via?: FastifyInstance }): Promise<Page>;
  csrf(): string;
  /** Logs in through the login screen as a demo user; returns the POST's response. */
  login(loginId: string, password?: string): Promise<Page>;
  /** Fills the transfer form and returns the draft id of the confirm screen it leads to. */
  prepareTransfer(fields?: Record<string, string>): Promise<string>;
  preparePayEasy(fields?: Record<string, string>): Promise<string>;
}

export function errorsOf(body: string): Record<string, string> {
  const errors: Record<string, string> = {};
  for (const m of body.matchAll(/id="f-([A-Za-z]+)-error" data-error-code="([a-z_]+)"/g)) errors[m[1] ?? ''] = m[2] ?? '';
  for (const m of body.matchAll(/data-error-code="([a-z_]+)" data-form-error/g)) errors._form = m[1] ?? '';
  for (const m of body.matchAll(/data-error-code="([a-z_]+)" data-refusal/g)) errors._page = m[1] ?? '';
  return errors;
}

export const TRANSFER = { bankCode: '0001', branchCode: '123', accountKind: 'futsu', accountNumber: '7654321', payeeName: 'ﾔﾏﾀﾞ ﾀﾛｳ', amount: '12345', transferDate: '2026-11-24' } as const;
export const PAYEASY = { billerNumber: '12345', customerNumber: '1234567890', confirmationNumber: '123456', amount: '54321' } as const;

/** What a browser sends for the account radio buttons: the checked one's value. */
function checkedAccount(body: string): string {
  return /name="accountId" value="(\d+)" id="[^"]+" checked/.exec(body)?.[1] ?? '';
}

export function userAgent(app: FastifyInstance): UserAgent {
  const cookies = new Map<string, string>();
  let lastCsrf = '';
  const keep = (r: LightMyRequestResponse): Page => {
    for (const c of r.cookies as { name: string; value: string; maxAge?: number }[]) {
      if (c.maxAge === 0 || c.value === '') cookies.delete(c.name);
      else cookies.set(c.name, c.value);
    }
    const csrf = /name="_csrf" value="([^"]+)"/.exec(r.body);
    if (csrf !== null) lastCsrf = csrf[1] ?? '';
    const location = r.headers.location;
    return { status: r.statusCode, body: r.body, headers: r.headers, location: typeof location === 'string' ? location : undefined, errors: errorsOf(r.body) };
  };
  const cookieHeader = (): Record<string, string> => (cookies.size === 0 ? {} : { cookie: [...cookies].map(([k, v]) => `${k}=${v}`).join('; ') });
  const draftOf = (page: Page): string => {
    const id = /\/user\/payments\/confirm\?id=([0-9a-f]{32})/.exec(page.location ?? '')?.[1];
    if (id === undefined) throw new Error(`no confirm screen: ${page.status} ${JSON.stringify(page.errors)}`);
    return id;
  };
  const self: UserAgent = {
    cookies,
    async get(url) {
      return keep(await app.inject({ method: 'GET', url, headers: cookieHeader() }));
    },
    async post(url, form, options = {}) {
      const csrf = options.csrf === undefined ? lastCsrf : options.csrf;
      const fields = csrf === false ? form : { _csrf: csrf, ...form };
      return keep(await (options.via ?? app).inject({
        method: 'POST',
        url,
        headers: { ...cookieHeader(), 'content-type': 'application/x-www-form-urlencoded', ...options.headers },
        payload: new URLSearchParams(fields).toString(),
      }));
    },
    csrf: () => lastCsrf,
    async login(loginId, password = DEMO.userPassword) {
      await self.get('/user/login');
      return self.post('/user/login', { contractId: C, loginId, password });
    },
    async prepareTransfer(fields = {}) {
      const form = await self.get('/user/transfer');
      return draftOf(await self.post('/user/transfer', { accountId: checkedAccount(form.body), ...TRANSFER, ...fields }));
    },
    async preparePayEasy(fields = {}) {
      const form = await self.get('/user/payeasy');
      return draftOf(await self.post('/user/payeasy', { accountId: checkedAccount(form.body), ...PAYEASY, ...fields }));
    },
  };
  return self;
}
