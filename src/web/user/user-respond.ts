// Helpers the user route files share: the header's names for a page, a refusal page, and the statuses.

import type { FastifyReply } from 'fastify';
import type { DomainDeps } from '../../domain/deps.ts';
import type { ErrorCode } from '../../domain/error-codes.ts';
import { statusOf } from '../kit/error-status.ts';
import { sendPage } from '../respond.ts';
import type { UserContext } from './user-session.ts';
import { userErrorPage } from './views/user-error-page.ts';
import type { UserPageSession } from './views/user-layout.ts';

/** The contract's and the user's names for the header; the session's ids only (ASVS 4.0.3 4.2.1). */
export async function pageSessionOf(deps: DomainDeps, user: UserContext): Promise<UserPageSession> {
  const [contract, record] = await deps.store.transaction(async (tx) => [await tx.contracts.get(user.contractId), await tx.users.get(user.contractId, user.loginId)] as const);
  return { contractName: contract?.name ?? `ご契約先ID ${user.contractId}`, userName: record?.name ?? user.loginId, csrfToken: user.session.csrfToken };
}

export async function sendRefusal(reply: FastifyReply, deps: DomainDeps, user: UserContext, code: ErrorCode): Promise<FastifyReply> {
  return sendPage(reply, userErrorPage(code, await pageSessionOf(deps, user)), statusOf(code));
}
