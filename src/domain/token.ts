// The token inventory's vocabulary: kinds, models, OTP parameters and the one `status` field with its
// transition table. Rules only; storage lives behind the interfaces in store-ports.ts.

export const TOKEN_KINDS = ['hardware', 'software'] as const;
export type TokenKind = (typeof TOKEN_KINDS)[number];

/** The seed's pictures: ハードウェアトークンの例1–3 and ソフトウェアトークン（スマートフォン用）. */
export const TOKEN_MODELS = ['hw1', 'hw2', 'hw3', 'sw'] as const;
export type TokenModel = (typeof TOKEN_MODELS)[number];

export const OTP_ALGORITHMS = ['SHA1', 'SHA256', 'SHA512'] as const;
export type OtpAlgorithm = (typeof OTP_ALGORITHMS)[number];

/** How a token computes its codes. TOTP counts steps of `stepSeconds` from the Unix epoch (T0 = 0). */
export type OtpParams =
  | { readonly type: 'totp'; readonly algorithm: OtpAlgorithm; readonly digits: 6 | 7 | 8; readonly stepSeconds: 30 | 60 }
  | { readonly type: 'hotp'; readonly algorithm: OtpAlgorithm; readonly digits: 6 | 7 | 8 };

export const TOKEN_STATUSES = ['in_stock', 'issued', 'registered', 'locked', 'revoked', 'lost'] as const;
export type TokenStatus = (typeof TOKEN_STATUSES)[number];

/**
 * Which status may follow which. in_stock: in the bank's inventory; issued: handed to one contract;
 * registered: bound by a 利用登録; locked: 利用中止 after consecutive wrong OTPs (the admin's
 * 「利用中止解除」 returns it to registered); revoked and lost are final (失効 / 紛失).
 */
export const TOKEN_TRANSITIONS = {
  in_stock: ['issued', 'revoked', 'lost'],
  issued: ['registered', 'in_stock', 'locked', 'revoked', 'lost'],
  registered: ['locked', 'issued', 'revoked', 'lost'],
  locked: ['registered', 'issued', 'revoked', 'lost'],
  revoked: [],
  lost: [],
} as const satisfies Record<TokenStatus, readonly TokenStatus[]>;

export function canTransition(from: TokenStatus, to: TokenStatus): boolean {
  return (TOKEN_TRANSITIONS[from] as readonly TokenStatus[]).includes(to);
}

/** A secret sealed with AES-256-GCM; the AAD binds it to the token's serial (see secret-box.ts). */
export interface SealedSecret {
  readonly keyId: string;
  /** iv (12 bytes) ‖ ciphertext ‖ tag (16 bytes) */
  readonly blob: Uint8Array;
}

export interface TokenRecord {
  readonly serial: string;
  readonly kind: TokenKind;
  readonly model: TokenModel;
  readonly params: OtpParams;
  readonly sealed: SealedSecret;
  readonly status: TokenStatus;
  /** The contract the token is issued to, or null while in the bank's stock. */
  readonly contractId: string | null;
  /** Drift in steps (TOTP) or counters (HOTP) found at registration or resync; checks centre on it. */
  readonly drift: number;
  /** The last consumed step (TOTP) or counter (HOTP); null when no code was ever consumed. */
  readonly lastCounter: bigint | null;
  /** HOTP: the next counter expected. TOTP: unused (0). */
  readonly counter: bigint;
  readonly consecutiveFailures: number;
  readonly expiresAtMs: number | null;
  /** Demo tokens' secrets are public; `npm run token` refuses any other. */
  readonly demo: boolean;
}

/** What the import writes for each token; everything else starts at its default. */
export interface NewToken {
  readonly serial: string;
  readonly kind: TokenKind;
  readonly model: TokenModel;
  readonly params: OtpParams;
  readonly sealed: SealedSecret;
  readonly counter: bigint;
  readonly expiresAtMs: number | null;
  readonly demo: boolean;
  readonly contractId: string | null;
  readonly status: TokenStatus;
}
