// Reading a submitted form (application/x-www-form-urlencoded, parsed by @fastify/formbody) from `unknown`,
// and collecting the failures of each field so that a screen can show them next to their fields.

import type { ErrorCode, Failure } from '../domain/error-codes.ts';
import type { Parsed } from '../domain/inputs.ts';

/** A field's name → the code of its first failure. The key `_form` holds a failure of the whole form. */
export type FieldErrors = Readonly<Record<string, ErrorCode>>;

export const FORM_ERROR = '_form';

/** One field's raw value: a string, or undefined when missing or sent more than once. */
export function field(body: unknown, name: string): string | undefined {
  if (typeof body !== 'object' || body === null) return undefined;
  const value = (body as Record<string, unknown>)[name];
  return typeof value === 'string' ? value : undefined;
}

/** A checkbox: present with the value "1" means checked. */
export function checkbox(body: unknown, name: string): boolean {
  return field(body, name) === '1';
}

/** Collects parse results: `take` returns the value or records the failure under its field. */
export class FormReader {
  readonly errors: Record<string, ErrorCode> = {};

  take(parsed: Parsed): string {
    if (parsed.ok) return parsed.value;
    this.add(parsed);
    return '';
  }

  add(failure: Failure, fallbackField: string = FORM_ERROR): void {
    const key = failure.field ?? fallbackField;
    this.errors[key] ??= failure.code;
  }

  get ok(): boolean {
    return Object.keys(this.errors).length === 0;
  }
}

export function errorsOf(failure: Failure, fallbackField: string = FORM_ERROR): FieldErrors {
  return { [failure.field ?? fallbackField]: failure.code };
}
