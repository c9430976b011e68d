// The staff console over `inject`: the web fixture's world (demo contract, pinned clock), staff members
// enrolled through the domain, and an agent that logs a staff member in through the screens.

import type { FastifyInstance } from 'fastify';
import { STAFF_TOTP } from '../../src/domain/staff-totp.ts';
import type { StaffRole } from '../../src/domain/staff-store-ports.ts';
import { enrolledStaff, STAFF_PASSWORD, type StaffHandle } from '../support/staff-world.ts';
import { agent, type Agent, type Page } from '../web/agent.ts';
import { setup, type Fixture } from '../web/fixture.ts';

export const STEP_MS = STAFF_TOTP.stepSeconds * 1000;

export interface BankWorld {
  readonly f: Fixture;
  readonly app: FastifyInstance;
  /** Enrolled staff members by id. */
  staff(id: string, role: StaffRole): Promise<StaffHandle>;
  /** A new browser logged in as `who` (the clock moves one step first, so the code is a fresh one). */
  loggedIn(who: StaffHandle): Promise<Agent>;
  close(): Promise<void>;
}

export async function loginSteps(a: Agent, staffId: string, password: string, code: () => string): Promise<Page> {
  await a.get('/bank/login');
  const first = await a.post('/bank/login', { staffId, password });
  if (first.location !== '/bank/login/otp') return first;
  await a.get('/bank/login/otp');
  return a.post('/bank/login/otp', { otp: code() });
}

export async function bankWorld(): Promise<BankWorld> {
  const f = await setup();
  const app = f.createApp();
  return {
    f,
    app,
    staff: (id, role) => enrolledStaff(f.deps, id, role),
    async loggedIn(who) {
      f.clock.advance(STEP_MS);
      const a = agent(app);
      const done = await loginSteps(a, who.id, STAFF_PASSWORD, () => who.code());
      if (done.location !== '/bank/dashboard') throw new Error(`login of ${who.id} failed: ${done.status} ${JSON.stringify(done.errors)}`);
      await a.get('/bank/dashboard');
      return a;
    },
    async close() {
      await app.close();
      await f.close();
    },
  };
}

/** RFC 4648 base32 (no padding) to bytes, for reading the secret an enrolment page shows. */
export function fromBase32(text: string): Buffer {
  const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567';
  let bits = 0;
  let value = 0;
  const out: number[] = [];
  for (const c of text.replace(/\s+/g, '')) {
    value = (value << 5) | alphabet.indexOf(c);
    bits += 5;
    if (bits >= 8) {
      out.push((value >>> (bits - 8)) & 255);
      bits -= 8;
    }
  }
  return Buffer.from(out);
}

export function secretShownOn(body: string): string | undefined {
  return /data-secret>([A-Z2-7 ]+)</.exec(body)?.[1]?.replace(/ /g, '');
}
