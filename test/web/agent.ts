// A small in-process "browser" over `app.inject`: it keeps cookies, remembers the CSRF token of the last
// page it saw, and reads the error codes a page shows next to its fields.

import type { FastifyInstance, LightMyRequestResponse } from 'fastify';

export interface Page {
  readonly status: number;
  readonly body: string;
  readonly headers: LightMyRequestResponse['headers'];
  readonly location: string | undefined;
  /** Field name → error code shown next to that field (`_form` for the whole form). */
  readonly errors: Record<string, string>;
}

export interface PostOptions {
  /** The CSRF token to send; default the last page's; false sends none. */
  readonly csrf?: string | false;
  readonly headers?: Record<string, string>;
}

export interface Agent {
  readonly cookies: Map<string, string>;
  get(url: string, headers?: Record<string, string>): Promise<Page>;
  post(url: string, form: Record<string, string>, options?: PostOptions): Promise<Page>;
  /** The CSRF token of the last page seen. */
  csrf(): string;
  /** Logs in through the login screen; returns the response of the POST. */
  login(contractId: string, password: string): Promise<Page>;
}

export function errorsOf(body: string): Record<string, string> {
  const errors: Record<string, string> = {};
  for (const m of body.matchAll(/id="f-([A-Za-z]+)-error" data-error-code="([a-z_]+)"/g)) errors[m[1] ?? ''] = m[2] ?? '';
  for (const m of body.matchAll(/data-error-code="([a-z_]+)" data-form-error/g)) errors._form = m[1] ?? '';
  const page = /class="error-page-message" data-error-code="([a-z_]+)"/.exec(body);
  if (page !== null) errors._page = page[1] ?? '';
  return errors;
}

/** `remoteAddress`: the peer the app sees (a proxy's address in the edge tests); light-my-request's default otherwise. */
export function agent(app: FastifyInstance, peer: { remoteAddress?: string } = {}): Agent {
  const cookies = new Map<string, string>();
  let lastCsrf = '';

  const keep = (response: LightMyRequestResponse): Page => {
    for (const c of response.cookies as { name: string; value: string; maxAge?: number }[]) {
      if (c.maxAge === 0 || c.value === '') cookies.delete(c.name);
      else cookies.set(c.name, c.value);
    }
    const csrf = /name="_csrf" value="([^"]+)"/.exec(response.body);
    if (csrf !== null) lastCsrf = csrf[1] ?? '';
    const location = response.headers.location;
    return { status: response.statusCode, body: response.body, headers: response.headers, location: typeof location === 'string' ? location : undefined, errors: errorsOf(response.body) };
  };
  const cookieHeader = (): Record<string, string> =>
    cookies.size === 0 ? {} : { cookie: [...cookies].map(([k, v]) => `${k}=${v}`).join('; ') };

  const self: Agent = {
    cookies,
    async get(url, headers = {}) {
      return keep(await app.inject({ method: 'GET', url, headers: { ...cookieHeader(), ...headers }, ...peer }));
    },
    async post(url, form, options = {}) {
      const csrf = options.csrf === undefined ? lastCsrf : options.csrf;
      const fields = csrf === false ? form : { _csrf: csrf, ...form };
      return keep(
        await app.inject({
          method: 'POST',
          url,
          headers: { ...cookieHeader(), 'content-type': 'application/x-www-form-urlencoded', ...options.headers },
          payload: new URLSearchParams(fields).toString(),
          ...peer,
        }),
      );
    },
    csrf: () => lastCsrf,
    async login(contractId, password) {
      await self.get('/login');
      return self.post('/login', { contractId, password });
    },
  };
  return self;
}
