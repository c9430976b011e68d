// The console's read screens (role action 'view'): 契約先検索 → 契約先詳細, トークン検索 → トークン詳細, and
// 監査ログ with its CSV export ('export', a right of its own). Staff see every contract: there is no owner
// to check, only the role.

import type { FastifyInstance, FastifyReply } from 'fastify';
import { appendAudit, BANK_CHAIN } from '../../../domain/audit.ts';
import type { DomainDeps } from '../../../domain/deps.ts';
import { auditCsv, contractDetail, EXPIRY_NOTICE_DAYS, listContracts, listTokens, MAX_AUDIT_PAGE, searchAudit, tokenDetail } from '../../../domain/lifecycle/index.ts';
import { TOKEN_STATUSES, type TokenStatus } from '../../../domain/token.ts';
import { parseContractId, parseSerial } from '../../../domain/inputs.ts';
import { staffMay } from '../../../domain/staff-roles.ts';
import { field } from '../../form.ts';
import { HttpFailure } from '../../http-failure.ts';
import { FORM_ERROR_STATUS, sendPage } from '../../respond.ts';
import { auditFieldsOf, readAuditSearch } from '../audit-search-form.ts';
import { pageSessionOf } from '../bank-respond.ts';
import { staffOf } from '../bank-session.ts';
import { auditPage } from '../views/audit-page.ts';
import { contractDetailPage } from '../views/contract-detail-page.ts';
import { contractSearchPage } from '../views/contract-search-page.ts';
import { pageNumberOf } from '../views/pager.ts';
import { TOKEN_STATUS_LABELS } from '../views/console-labels.ts';
import { tokenListPage } from '../views/token-list-page.ts';
import { tokenDetailPage, tokenSearchPage } from '../views/token-pages.ts';

export const CONTRACTS_PER_PAGE = 50;
export const AUDIT_PER_PAGE = 100;
export const TOKENS_PER_PAGE = 50;

export function readRoutes(app: FastifyInstance, deps: DomainDeps): void {
  app.get('/contracts', { config: { staffAction: 'view' } }, async (request, reply) => {
    const q = (field(request.query, 'q') ?? '').trim().slice(0, 100);
    const list = await listContracts(deps, q, { number: pageNumberOf(field(request.query, 'page')), size: CONTRACTS_PER_PAGE });
    return sendPage(reply, contractSearchPage(pageSessionOf(staffOf(request)), q, list));
  });

  app.get<{ Params: { id: string } }>('/contracts/:id', { config: { staffAction: 'view' } }, async (request, reply) => {
    const id = parseContractId(request.params.id);
    const detail = id.ok ? await contractDetail(deps, id.value) : undefined;
    if (detail === undefined || !detail.ok) throw new HttpFailure(404, 'contract_not_found');
    const c = staffOf(request);
    return sendPage(reply, contractDetailPage({ session: pageSessionOf(c), detail, nowMs: deps.now(), canUnlock: staffMay(c.staff.role, 'request') }));
  });

  const tokenPage = async (reply: FastifyReply, c: ReturnType<typeof staffOf>, raw: string): Promise<FastifyReply> => {
    const serial = parseSerial(raw);
    const detail = serial.ok ? await tokenDetail(deps, serial.value) : undefined;
    if (detail === undefined || !detail.ok) return sendPage(reply, tokenSearchPage(pageSessionOf(c), raw.slice(0, 32), true), 404);
    return sendPage(reply, tokenDetailPage(pageSessionOf(c), detail, deps.now()));
  };

  app.get('/tokens', { config: { staffAction: 'view' } }, async (request, reply) => {
    const raw = (field(request.query, 'serial') ?? '').trim();
    if (raw === '') return sendPage(reply, tokenSearchPage(pageSessionOf(staffOf(request)), '', false));
    const serial = parseSerial(raw);
    if (serial.ok) return reply.redirect(`/bank/tokens/${encodeURIComponent(serial.value)}`, 303);
    return tokenPage(reply, staffOf(request), raw);
  });

  app.get<{ Params: { serial: string } }>('/tokens/:serial', { config: { staffAction: 'view' } }, async (request, reply) => tokenPage(reply, staffOf(request), request.params.serial));

  // トークン一覧 behind the dashboard's figures: ?status=<TokenStatus> or ?expiring=90.
  app.get('/token-list', { config: { staffAction: 'view' } }, async (request, reply) => {
    const status = field(request.query, 'status');
    const byStatus = (TOKEN_STATUSES as readonly string[]).includes(status ?? '') ? (status as TokenStatus) : undefined;
    if (byStatus === undefined && field(request.query, 'expiring') !== String(EXPIRY_NOTICE_DAYS)) throw new HttpFailure(404, 'page_not_found');
    const page = { number: pageNumberOf(field(request.query, 'page')), size: TOKENS_PER_PAGE };
    const list = await listTokens(deps, byStatus === undefined ? { expiringWithinDays: EXPIRY_NOTICE_DAYS } : { status: byStatus }, page);
    const heading = byStatus === undefined ? `${EXPIRY_NOTICE_DAYS}日以内に有効期限切れ` : `状態：${TOKEN_STATUS_LABELS[byStatus]}`;
    const params: Record<string, string> = byStatus === undefined ? { expiring: String(EXPIRY_NOTICE_DAYS) } : { status: byStatus };
    return sendPage(reply, tokenListPage({ session: pageSessionOf(staffOf(request)), heading, params, list, nowMs: deps.now() }));
  });

  app.get('/audit', { config: { staffAction: 'view' } }, async (request, reply) => {
    const c = staffOf(request);
    const fields = auditFieldsOf(request.query);
    const page = pageNumberOf(field(request.query, 'page'));
    const read = readAuditSearch(fields);
    const view = { session: pageSessionOf(c), fields, page, canExport: staffMay(c.staff.role, 'export') };
    if (!read.ok) return sendPage(reply, auditPage({ ...view, errors: read.errors }), FORM_ERROR_STATUS);
    // One more than a page: whether 次へ leads anywhere, without counting the whole trail.
    const found = await searchAudit(deps, { ...read.query, limit: AUDIT_PER_PAGE + 1, offset: (page - 1) * AUDIT_PER_PAGE });
    const result = { entries: found.entries.slice(0, AUDIT_PER_PAGE), hasNext: found.entries.length > AUDIT_PER_PAGE, problems: found.problems };
    return sendPage(reply, auditPage({ ...view, errors: {}, result }));
  });

  app.get('/audit.csv', { config: { staffAction: 'export' } }, async (request, reply) => {
    const read = readAuditSearch(auditFieldsOf(request.query));
    if (!read.ok) throw new HttpFailure(400, 'bad_request');
    const found = await searchAudit(deps, { ...read.query, limit: MAX_AUDIT_PAGE, offset: 0 });
    // Data leaving the console is itself an act to answer for: who took which search, how many rows.
    const c = staffOf(request);
    const target = new URLSearchParams(Object.entries(auditFieldsOf(request.query)).filter(([, x]) => x !== '')).toString();
    await deps.store.transaction((tx) => appendAudit(tx, deps.now(), { chain: BANK_CHAIN, ...c.who, action: 'audit.export', target, outcome: 'done', detail: { rows: found.entries.length } }));
    const stamp = new Date(deps.now() + 9 * 3_600_000).toISOString().slice(0, 16).replace(/[-:T]/g, '');
    return reply
      .header('content-type', 'text/csv; charset=utf-8')
      .header('content-disposition', `attachment; filename="audit-${stamp}.csv"`)
      .header('cache-control', 'no-store')
      .send(auditCsv(found));
  });
}
