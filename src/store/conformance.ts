// The one conformance suite every Store driver runs (Lucia's adapter-test pattern): the same cases against
// SQLite and PostgreSQL, each case on a freshly opened, empty store from `open`.
import { describe } from 'node:test';
import type { Store } from '../domain/store-ports.ts';
import { auditSessionCases } from './conformance/audit-session-cases.ts';
import { concurrencyCases } from './conformance/concurrency-cases.ts';
import { contractUserCases } from './conformance/contract-user-cases.ts';
import { counterCases } from './conformance/counter-cases.ts';
import { lifecycleCases } from './conformance/lifecycle-cases.ts';
import { credentialCases } from './conformance/credential-cases.ts';
import { paymentCases } from './conformance/payment-cases.ts';
import { paymentConcurrencyCases } from './conformance/payment-concurrency-cases.ts';
import { registrationCases } from './conformance/registration-cases.ts';
import { reservationCases } from './conformance/reservation-cases.ts';
import { tokenCases } from './conformance/token-cases.ts';
import { transactionCases } from './conformance/transaction-cases.ts';
import { staffCases } from './conformance/staff-cases.ts';
import { otpauthIssueCases } from './conformance/otpauth-issue-cases.ts';
import { throttleCases } from './conformance/throttle-cases.ts';
import { softTokenCases } from './conformance/soft-token-cases.ts';
import { transactionAuthCases } from './conformance/transaction-auth-cases.ts';
import { readCases } from './conformance/read-cases.ts';

/** Declares node:test cases for a Store; `open` must return a new, migrated, empty store on every call. */
export function storeConformance(name: string, open: () => Promise<Store>): void {
  describe(`${name} store conformance`, () => {
    describe('transactions', () => transactionCases(open));
    describe('tokens', () => tokenCases(open));
    describe('token counters', () => counterCases(open));
    describe('contracts and users', () => contractUserCases(open));
    describe('registrations', () => registrationCases(open));
    describe('audit chains and sessions', () => auditSessionCases(open));
    describe('concurrency', () => concurrencyCases(open));
    describe('payments and API keys', () => paymentCases(open));
    describe('payment concurrency', () => paymentConcurrencyCases(open));
    describe('token lifecycle and console reads', () => lifecycleCases(open));
    describe('bank staff console', () => staffCases(open));
    describe('secrets changed and reset', () => credentialCases(open));
    describe('reservations', () => reservationCases(open));
    describe('throttle buckets', () => throttleCases(open));
    describe('software tokens', () => softTokenCases(open));
    describe('otpauth software tokens', () => otpauthIssueCases(open));
    describe('transaction signing (取引認証)', () => transactionAuthCases(open));
    describe('reads outside transactions', () => readCases(open));
  });
}
