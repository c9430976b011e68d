// The three fields of every 暗証番号変更 screen, parsed at the edge: the current value is only checked for
// presence (a stricter rule would tell a guesser something), the new one against the 暗証番号 rules.

import type { CredentialChangeInput } from '../../domain/change-credential.ts';
import { parseSecret, parseSecretAttempt } from '../../domain/inputs.ts';
import { field, FormReader, type FieldErrors } from '../form.ts';

export function readCredentialForm(body: unknown): { ok: true; input: CredentialChangeInput } | { ok: false; errors: FieldErrors } {
  const form = new FormReader();
  const current = form.take(parseSecretAttempt(field(body, 'current'), 'current'));
  const next = form.take(parseSecret(field(body, 'next'), 'next'));
  const nextAgain = form.take(parseSecretAttempt(field(body, 'nextAgain'), 'nextAgain'));
  return form.ok ? { ok: true, input: { current, next, nextAgain } } : { ok: false, errors: form.errors };
}
