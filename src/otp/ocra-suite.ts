import type { HmacAlgorithm } from './algorithm.ts';

/** RFC 6287 §6.3 question formats: A alphanumeric, N numeric, H hexadecimal. */
export type OcraQuestionFormat = 'A' | 'N' | 'H';

/** A parsed OCRASuite (RFC 6287 §6): `OCRA-1:HOTP-<hash>-<digits>:<DataInput>`. */
export interface OcraSuite {
  /** The suite as given; RFC 6287 §5: it is itself the first part of the HMAC input. */
  readonly text: string;
  readonly algorithm: HmacAlgorithm;
  /** 0 means no truncation (RFC 6287 §5.2); otherwise 4–10. */
  readonly digits: number;
  readonly counter: boolean;
  readonly questionFormat: OcraQuestionFormat;
  /** The challenge length xx of QFxx (04–64). */
  readonly questionLength: number;
  /** The PIN hash function of PH, or null without P. */
  readonly pinAlgorithm: HmacAlgorithm | null;
  /** nnn of Snnn in bytes, or null without S. */
  readonly sessionBytes: number | null;
  /** The time step of TG in seconds, or null without T. */
  readonly timeStepSeconds: number | null;
}

// RFC 6287 §6.1–6.3, in the order of the DataInput (§5, erratum 4115): [C] | Q | [P | S | T].
const SUITE = new RegExp(
  '^OCRA-1:HOTP-(SHA1|SHA256|SHA512)-(0|[4-9]|10):' +
    '(C-)?Q([ANH])(\\d{2})(?:-P(SHA1|SHA256|SHA512))?(?:-S(\\d{3}))?(?:-T(\\d{1,2})([SMH]))?$',
);

const UNIT_SECONDS = { S: 1, M: 60, H: 3600 } as const;

/**
 * Parses and validates an OCRASuite; a TypeError for anything RFC 6287 §6 does not allow (suites come from
 * configuration or token files, so a bad one is a broken assumption).
 */
export function parseOcraSuite(suite: string): OcraSuite {
  const match = typeof suite === 'string' ? SUITE.exec(suite) : null;
  if (match === null) throw new TypeError(`not a valid OCRASuite: ${String(suite)}`);
  const [, hash, digits, counter, format, length, pinHash, session, timeCount, timeUnit] = match;
  const questionLength = Number(length);
  // RFC 6287 §6.3: xx is 04 to 64.
  if (questionLength < 4 || questionLength > 64) throw new TypeError(`question length must be 04–64 in ${suite}`);
  const sessionBytes = session === undefined ? null : Number(session);
  if (sessionBytes === 0) throw new TypeError(`session length must be at least 1 byte in ${suite}`);
  let timeStepSeconds: number | null = null;
  if (timeCount !== undefined && timeUnit !== undefined) {
    const count = Number(timeCount);
    const unit = timeUnit as keyof typeof UNIT_SECONDS;
    // RFC 6287 §6.3 as corrected by erratum 3729: [1-59]S, [1-59]M, [1-48]H (a step of 0 is meaningless).
    const max = unit === 'H' ? 48 : 59;
    if (count < 1 || count > max) throw new TypeError(`time step must be 1–${max}${unit} in ${suite}`);
    timeStepSeconds = count * UNIT_SECONDS[unit];
  }
  return {
    text: suite,
    algorithm: hash as HmacAlgorithm,
    digits: Number(digits),
    counter: counter !== undefined,
    questionFormat: format as OcraQuestionFormat,
    questionLength,
    pinAlgorithm: (pinHash as HmacAlgorithm | undefined) ?? null,
    sessionBytes,
    timeStepSeconds,
  };
}
