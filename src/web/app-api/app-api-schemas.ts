// The JSON bodies of /app/api (soft token protocol v1), validated with no type coercion. The public key is
// only a short string here: its decoding and curve check give `invalid_public_key`, not a schema error.

export const ACTIVATION_REQUEST_SCHEMA = {
  type: 'object',
  required: ['publicKey'],
  properties: {
    publicKey: { type: 'string', maxLength: 200 },
  },
} as const;

export const CODE_REQUEST_SCHEMA = {
  type: 'object',
  required: ['serial', 'code'],
  properties: {
    serial: { type: 'string', pattern: '^2[0-9]{13}$' },
    code: { type: 'string', pattern: '^[0-9]{6}$' },
  },
} as const;

export interface ActivationBody {
  readonly publicKey: string;
}

export interface CodeBody {
  readonly serial: string;
  readonly code: string;
}
