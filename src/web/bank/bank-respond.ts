// Small helpers the console's routes share.

import type { BankPageSession } from './views/bank-layout.ts';
import type { StaffContext } from './bank-session.ts';

export function pageSessionOf(c: StaffContext, loggedIn = true): BankPageSession {
  return { staffId: c.staff.id, name: c.staff.name, role: c.staff.role, csrfToken: c.session.csrfToken, loggedIn };
}
