// The server's /app/api (SOFT-TOKEN-SPEC): JSON both ways, no cookie. A fetch that never reached the
// server (offline, DNS, TLS) is told apart from the server's refusal, because 利用解除 says different things.

export type ApiResult<T> =
  | { readonly kind: 'ok'; readonly status: number; readonly body: T }
  | { readonly kind: 'refused'; readonly status: number; readonly error: string; readonly message: string }
  | { readonly kind: 'offline' };

const FALLBACK_MESSAGE = 'サーバーでエラーが発生しました。しばらくしてからもう一度お試しください。';

async function call<T>(method: 'GET' | 'POST', path: string, body?: unknown): Promise<ApiResult<T>> {
  let response: Response;
  try {
    response = await fetch(path, {
      method,
      credentials: 'omit',
      cache: 'no-store',
      headers: body === undefined ? { accept: 'application/json' } : { accept: 'application/json', 'content-type': 'application/json' },
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    });
  } catch {
    return { kind: 'offline' };
  }
  let parsed: unknown = null;
  try {
    parsed = await response.json();
  } catch {
    parsed = null;
  }
  if (response.ok && parsed !== null) return { kind: 'ok', status: response.status, body: parsed as T };
  const failure = (parsed ?? {}) as { error?: unknown; message?: unknown };
  return {
    kind: 'refused',
    status: response.status,
    error: typeof failure.error === 'string' ? failure.error : 'server_error',
    message: typeof failure.message === 'string' ? failure.message : FALLBACK_MESSAGE,
  };
}

export interface ActivationBody {
  readonly activationId: string;
  readonly serial: string;
  readonly serverPublicKey: string;
  readonly totp: { readonly algorithm: string; readonly digits: number; readonly period: number };
  readonly ocraSuite: string;
  readonly serverTime: number;
  readonly confirmation: string;
}

export const startActivation = (publicKey: string): Promise<ApiResult<ActivationBody>> => call('POST', '/app/api/activations', { publicKey });
export const confirmActivation = (serial: string, code: string): Promise<ApiResult<{ serial: string; state: string }>> =>
  call('POST', '/app/api/activations/confirm', { serial, code });
export const serverTime = (): Promise<ApiResult<{ serverTime: number }>> => call('GET', '/app/api/time');
export const deactivate = (serial: string, code: string): Promise<ApiResult<unknown>> => call('POST', '/app/api/deactivate', { serial, code });
