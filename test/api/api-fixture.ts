// The bank systems' API in-process: the demo world of test/user/fixture.ts, an API key, and a caller.

import type { LightMyRequestResponse } from 'fastify';
import { createApiKey } from '../../src/domain/api-keys.ts';
import { setupUserApp, type UserApp, type UserAppOptions } from '../user/fixture.ts';

export interface ApiWorld extends UserApp {
  readonly key: string;
  /** POST /api/v1/otp/verify with the key (or `auth`), JSON unless a raw payload and type are given. */
  verify(body: unknown, options?: { auth?: string | null; contentType?: string; raw?: string }): Promise<LightMyRequestResponse>;
}

export async function setupApi(url?: string, options: UserAppOptions = {}): Promise<ApiWorld> {
  const f = await setupUserApp(url, options);
  const made = await createApiKey(f.deps, { actor: 'bank:test', ip: 'test' }, 'teller');
  if (!made.ok) throw new Error(made.code);
  return {
    ...f,
    key: made.key,
    verify(body, options = {}) {
      const auth = options.auth === undefined ? `Bearer ${made.key}` : options.auth;
      return f.app.inject({
        method: 'POST',
        url: '/api/v1/otp/verify',
        headers: { 'content-type': options.contentType ?? 'application/json', ...(auth === null ? {} : { authorization: auth }) },
        payload: options.raw ?? JSON.stringify(body),
      });
    },
  };
}
