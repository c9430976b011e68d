// The OTP engine's public surface: RFC 4226 (HOTP), RFC 6238 (TOTP), RFC 6287 (OCRA). Re-exports only.
export { HMAC_ALGORITHMS, type HmacAlgorithm } from './algorithm.ts';
export { hmacKey, MIN_SECRET_BYTES } from './hmac-key.ts';
export { hotp, MAX_COUNTER } from './hotp.ts';
export { totp, totpStep, type TotpParams } from './totp.ts';
export { windowCounters, MAX_WINDOW_SPAN } from './window-counters.ts';
export { verifyInWindow, type WindowInput, type WindowResult } from './verify-window.ts';
export { parseOcraSuite, type OcraSuite, type OcraQuestionFormat } from './ocra-suite.ts';
export { ocra, type OcraInput } from './ocra.ts';
