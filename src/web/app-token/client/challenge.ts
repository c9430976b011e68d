// The 取引認証 challenge (SOFT-TOKEN-SPEC §取引認証): the question digits are the amount in yen (no leading
// zeros) followed by the payee's 口座番号 as exactly 7 digits, so the last 7 digits are always the account.
// A QR code carries the same digits plus the transfer's details for display; one whose digits disagree
// with its own amount and account is refused, so what the user reads is what the code signs.

export interface Challenge {
  readonly question: string;
  readonly amount: string;
  readonly account: string;
  readonly bank: string | null;
  readonly branch: string | null;
  readonly accountType: string | null;
  readonly payeeName: string | null;
}

export type ChallengeResult = { readonly ok: true; readonly challenge: Challenge } | { readonly ok: false; readonly reason: 'format' | 'mismatch' };

const QR_PREFIX = 'bizotp-sign:1?';
const ACCOUNT_DIGITS = 7;
const MAX_AMOUNT_DIGITS = 12;

/** Typed digits: amount ‖ account; spaces and hyphens (as people copy them) are ignored. */
export function challengeFromDigits(input: string): ChallengeResult {
  const q = input.replace(/[\s-]/g, '');
  if (!/^[1-9][0-9]{0,11}[0-9]{7}$/.test(q)) return { ok: false, reason: 'format' };
  return { ok: true, challenge: { question: q, amount: q.slice(0, -ACCOUNT_DIGITS), account: q.slice(-ACCOUNT_DIGITS), bank: null, branch: null, accountType: null, payeeName: null } };
}

/** A scanned `bizotp-sign:1?q=…&bank=…&branch=…&type=…&account=…&name=…&amount=…`. */
export function challengeFromQr(text: string): ChallengeResult {
  if (!text.startsWith(QR_PREFIX)) return { ok: false, reason: 'format' };
  const params = new URLSearchParams(text.slice(QR_PREFIX.length).replaceAll('+', '%2B'));
  const digits = challengeFromDigits(params.get('q') ?? '');
  if (!digits.ok || digits.challenge.question !== params.get('q')) return { ok: false, reason: 'format' };
  const amount = params.get('amount') ?? '';
  const account = params.get('account') ?? '';
  if (!/^[1-9][0-9]*$/.test(amount) || amount.length > MAX_AMOUNT_DIGITS || !/^[0-9]{7}$/.test(account)) return { ok: false, reason: 'format' };
  if (`${amount}${account}` !== digits.challenge.question) return { ok: false, reason: 'mismatch' };
  return {
    ok: true,
    challenge: { ...digits.challenge, bank: params.get('bank'), branch: params.get('branch'), accountType: params.get('type'), payeeName: params.get('name') },
  };
}
