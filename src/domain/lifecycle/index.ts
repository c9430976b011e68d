// The bank's token lifecycle and console read models: re-exports only.
export { issueTokens, type IssueOutcome, type IssueRequest, type UnavailableToken } from './issue-tokens.ts';
export { MAX_TOKENS_PER_ISSUE, serialRange } from './serial-range.ts';
export { revokeToken, revokeTokenIn, REVOCATION_KINDS, type RevocationKind, type RevokeOutcome, type RevokeRequest } from './revoke-token.ts';
export { resyncToken, RESYNC_LOOKAHEAD_COUNTERS, RESYNC_WINDOW_STEPS, type ResyncOutcome, type ResyncRequest } from './resync-token.ts';
export { listContracts, DEFAULT_PAGE, type ContractList, type Page } from './list-contracts.ts';
export { contractDetail, type ContractDetail, type ContractUserRow, type LockState } from './contract-detail.ts';
export { tokenDetail, type TokenDetail } from './token-detail.ts';
export { dashboardFigures, type DashboardFigures } from './dashboard-figures.ts';
export { searchAudit, MAX_AUDIT_PAGE, type AuditQuery, type AuditSearchResult } from './search-audit.ts';
export { auditCsv, auditJson } from './audit-export.ts';
export { listTokens, type TokenList, type TokenListQuery } from './list-tokens.ts';
export { EXPIRY_NOTICE_DAYS } from './dashboard-figures.ts';
export { issueSoftToken, type IssueSoftOutcome, type IssueSoftRequest } from './issue-soft-token.ts';
export { DEFAULT_BANK_NAME, OTPAUTH_PARAMS, otpauthTokenUri } from './otpauth-uri.ts';
