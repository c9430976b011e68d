// Validates a finished KeyPackage and turns it into an ImportedKey. The order of the checks is fixed so
// each file fails with one predictable code: algorithm, secret, response format, data, policy, device.
import type { OtpParams } from '../domain/token.ts';
import type { ImportedKey } from './imported-key.ts';
import { ImportError } from './import-error.ts';
import {
  checkSecret, parseCounter, parseDateTime, parseDeviceText, parseDigits, parseHash, parseSerial, parseStep,
} from './key-rules.ts';
import type { PackageDraft } from './package-draft.ts';
import { ALGORITHM_HOTP, ALGORITHM_PIN, ALGORITHMS_TOTP } from './pskc-names.ts';

/** null for a KeyPackage that is not an OTP token: RFC 6030 §10.2 PIN keys (Figure 5's second package). */
export function packageToKey(d: PackageDraft): ImportedKey | null {
  if (d.keyCount === 0) throw new ImportError('key_element_missing');
  if (d.algorithm === ALGORITHM_PIN) return null;
  const kind = d.algorithm === ALGORITHM_HOTP ? 'hotp' : ALGORITHMS_TOTP.includes(d.algorithm ?? '') ? 'totp' : null;
  if (kind === null) throw new ImportError('unknown_algorithm', {}, `Algorithm=${d.algorithm ?? '(none)'}`);
  const secret = checkSecret(d.secret);
  const algorithm = parseHash(d.suite);
  const digits = parseResponseFormat(d);
  checkTimes(d);
  let params: OtpParams;
  let counter = 0n;
  if (kind === 'hotp') {
    // RFC 6030 §10.1 says the Counter MUST be provided, yet its own Figure 7 has none: absent means 0,
    // the RFC 4226 starting value (a drifted token is found again by the registration window).
    counter = d.counter === null ? 0n : parseCounter(d.counter);
    params = { type: 'hotp', algorithm, digits };
  } else {
    if (d.counter !== null) parseCounter(d.counter); // validated, unused: TOTP counts time steps
    params = { type: 'totp', algorithm, digits, stepSeconds: parseStep(d.timeInterval) };
  }
  const expiresAtMs = checkPolicy(d);
  return {
    serial: parseSerial(d.serial),
    params,
    secret,
    counter,
    expiresAtMs,
    model: parseDeviceText(d.model),
    manufacturer: parseDeviceText(d.manufacturer),
  };
}

/** RFC 6030 §4.3.1 ResponseFormat: Length digits, Encoding DECIMAL, no Luhn check digit. */
function parseResponseFormat(d: PackageDraft): 6 | 7 | 8 {
  if (d.responseEncoding !== 'DECIMAL') throw new ImportError('bad_digits', {}, `Encoding=${d.responseEncoding ?? '(none)'}`);
  if (d.checkDigits === 'true' || d.checkDigits === '1') throw new ImportError('bad_digits', {}, 'CheckDigits');
  return parseDigits(d.responseLength);
}

/** Time (seconds since the epoch) and TimeDrift (steps) are accepted and checked but not carried. */
function checkTimes(d: PackageDraft): void {
  if (d.time !== null && !/^\s*\d{1,12}\s*$/.test(d.time)) throw new ImportError('bad_time', {}, 'Time');
  if (d.timeDrift !== null && !/^\s*-?\d{1,9}\s*$/.test(d.timeDrift)) throw new ImportError('bad_time', {}, 'TimeDrift');
}

/**
 * RFC 6030 §5. KeyUsage, when given, must include OTP. A PINPolicy is fine only when the device checks the
 * PIN itself (PINUsageMode "Local"); Prepend/Append/Algorithmic would need the PIN here. StartDate is checked
 * for form only. Returns the earlier of Policy/ExpiryDate and DeviceInfo/ExpiryDate.
 */
function checkPolicy(d: PackageDraft): number | null {
  if (d.keyUsages.length > 0 && !d.keyUsages.includes('OTP')) {
    throw new ImportError('usage_not_permitted', {}, `KeyUsage ${d.keyUsages.join(',')}`);
  }
  if (d.pinUsageMode !== null && d.pinUsageMode !== 'Local') {
    throw new ImportError('unsupported_policy', {}, `PINUsageMode=${d.pinUsageMode}`);
  }
  const startMs = d.policyStart === null ? null : parseDateTime(d.policyStart);
  const expiries = [d.policyExpiry, d.deviceExpiry].filter((t) => t !== null).map(parseDateTime);
  const expiresAtMs = expiries.length === 0 ? null : Math.min(...expiries);
  if (startMs !== null && expiresAtMs !== null && startMs > expiresAtMs) {
    throw new ImportError('bad_date', {}, 'StartDate after ExpiryDate');
  }
  return expiresAtMs;
}
