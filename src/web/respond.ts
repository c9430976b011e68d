// Small helpers the route files share: sending a page, and reading the admin's own contract for a screen.

import type { FastifyReply } from 'fastify';
import type { DomainDeps } from '../domain/deps.ts';
import { readStore } from '../domain/read-store.ts';
import { contractOverview, type ContractOverview, overviewFrom } from '../domain/user-overview.ts';
import type { AdminContext } from './admin-session.ts';
import { toHtmlString, type SafeHtml } from './html.ts';
import type { PageSession } from './views/layout.ts';

/** A form shown again with its errors. */
export const FORM_ERROR_STATUS = 422;

export function sendPage(reply: FastifyReply, body: SafeHtml, status = 200): FastifyReply {
  // Encoded here, once: given a string, Fastify would measure its UTF-8 length and then encode it again, and
  // a page with Japanese text is a two-byte string whose UTF-8 is slow to make (a 99-user list: ~0.1 ms each).
  return reply.code(status).type('text/html; charset=utf-8').send(Buffer.from(toHtmlString(body)));
}

/**
 * The session's contract only: the contract id never comes from the request (ASVS 4.0.3 4.2.1). On a GET
 * of an `adminOverview` route the listing was read with the session, in the same statement.
 */
export async function overviewOf(deps: DomainDeps, admin: AdminContext): Promise<ContractOverview> {
  if (admin.listing !== undefined) return overviewFrom(admin.listing, deps.now());
  const overview = await readStore(deps.store, (tx) => contractOverview(tx, admin.contractId, deps.now()));
  // A session exists only for a contract that exists, and contracts are never deleted.
  if (overview === undefined) throw new Error(`the session's contract ${admin.contractId} does not exist`);
  return overview;
}

/** Route options of an admin GET screen that shows the contract's overview (admin-session.ts). */
export const SHOWS_OVERVIEW = { config: { adminOverview: true } } as const;

export function pageSession(admin: AdminContext, overview: Pick<ContractOverview, 'contractName'>): PageSession {
  return { contractName: overview.contractName, csrfToken: admin.session.csrfToken };
}
