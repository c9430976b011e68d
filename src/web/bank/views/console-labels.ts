// The console's Japanese words for the codes it shows: token states, kinds and models, lock states, and the
// audit trail's actors, actions and outcomes. A code without a label is shown as it is (the raw code is
// always shown beside a label, so a search by code can be copied from the screen).

import type { OtpForm } from '../../../domain/store-ports.ts';
import type { TokenKind, TokenModel, TokenStatus } from '../../../domain/token.ts';

export const TOKEN_STATUS_LABELS: Readonly<Record<TokenStatus, string>> = {
  in_stock: '在庫',
  issued: '発行済（未登録）',
  registered: '利用中',
  locked: '利用中止（ロック）',
  revoked: '失効',
  lost: '紛失',
};

export const TOKEN_KIND_LABELS: Readonly<Record<TokenKind, string>> = { hardware: 'ハードウェアトークン', software: 'ソフトウェアトークン' };

export const TOKEN_MODEL_LABELS: Readonly<Record<TokenModel, string>> = {
  hw1: 'ハードウェアトークン（例1）',
  hw2: 'ハードウェアトークン（例2）',
  hw3: 'ハードウェアトークン（例3）',
  sw: 'ソフトウェアトークン（スマートフォン用）',
};

export const OTP_FORM_SHORT_LABELS: Readonly<Record<OtpForm, string>> = { none: '未設定', per_user: '利用者ごと', shared: '全利用者で共用' };

export const ACTION_LABELS: Readonly<Record<string, string>> = {
  'admin.login': '管理者ログイン',
  'admin.logout': '管理者ログアウト',
  'user.login': '利用者ログイン',
  'user.logout': '利用者ログアウト',
  'user.create': '利用者登録',
  'user.update': '利用者情報変更',
  'user.delete': '利用者登録抹消',
  'user.unlock': '利用者ロック解除',
  'user.unlock_pin': '利用者確認暗証番号ロック解除',
  'contract.create': 'ご契約先登録',
  'token.register': 'トークン利用登録',
  'token.unregister': 'トークン登録解除',
  'token.verify': 'ワンタイムパスワード確認',
  'token.unlock': 'トークン利用中止解除',
  'token.issue': 'トークン発行',
  'token.revoke': 'トークン失効',
  'token.resync': '同期ズレ補正',
  'tokens.import': 'シードファイル取込',
  'payment.prepare': '振込・振替受付',
  'payment.authorise': '振込・振替の承認',
  'reservation.execute': '予約の実行',
  'api.otp.verify': '勘定系からのワンタイムパスワード確認',
  'api.auth': 'API認証',
  'apikey.create': 'APIキー発行',
  'apikey.revoke': 'APIキー失効',
  'staff.login': '職員ログイン',
  'staff.logout': '職員ログアウト',
  'staff.create': '職員登録',
  'staff.disable': '職員利用停止',
  'staff.unlock': '職員によるロック解除',
  'staff.forbidden': '権限のない操作',
  'approval.request': '承認申請',
  'approval.approve': '承認',
  'approval.deny': '否認',
  'approval.execute': '承認後の実行',
  'approval.result_shown': '一度だけの値の表示',
  'web.csrf': '不正な画面遷移',
  'audit.export': '監査ログCSV出力',
  'keys.rewrap': '鍵の再暗号化',
  'limits.set': '限度額設定',
  'account.open': '口座開設',
  'token.qr_shown': 'ソフトウェアトークンのQRコード表示',
};

export const OUTCOME_LABELS: Readonly<Record<string, string>> = {
  ok: '成功',
  done: '完了',
  accepted: '受理',
  correct: '正しい',
  success: '成功',
  created: '登録',
  updated: '変更',
  deleted: '削除',
  changed: '変更',
  registered: '登録',
  unregistered: '登録解除',
  issued: '発行',
  revoked: '失効',
  resynced: '補正',
  unlocked: '解除',
  imported: '取込',
  requested: '申請',
  approved: '承認',
  denied: '否認',
  approval_expired: '申請期限切れ',
  shown: '表示',
  disabled: '停止',
  logged_out: 'ログアウト',
  timeout: 'タイムアウト',
  reset: '再発行',
  set: '設定',
  prepared: '受付',
  opened: '開設',
  login_failed: 'ログイン失敗',
  login_locked: 'ロック中',
  user_login_failed: 'ログイン失敗',
  user_login_locked: 'ロック中',
  pin_wrong: '暗証番号誤り',
  pin_locked: '暗証番号ロック',
  user_pin_wrong: '暗証番号誤り',
  user_pin_locked: '暗証番号ロック',
  token_or_otp_invalid: 'ワンタイムパスワード誤り',
  otp_invalid: 'ワンタイムパスワード誤り',
  otp_replayed: '使用済みのワンタイムパスワード',
  token_locked: 'トークン利用中止',
  invalid: '誤り',
  csrf_invalid: '不正な画面遷移',
  staff_forbidden: '権限なし',
  rate_limited: '回数制限',
  unknown_user: '不明な利用者',
  not_registered: '未登録',
  token_final: '失効済みトークン',
  forged: '改ざん',
};

/** `staff:op1` → 職員 op1; `admin:…` → 管理者; `user:…` → 利用者; others as they are. */
export function actorLabel(actor: string): string {
  const [kind, ...rest] = actor.split(':');
  const id = rest.join(':');
  const prefix: Readonly<Record<string, string>> = { staff: '職員', admin: '管理者', user: '利用者', api: '勘定系API', bank: '信用金庫', system: 'システム' };
  const label = kind === undefined ? undefined : prefix[kind];
  return label === undefined || id === '' ? actor : `${label} ${id}`;
}
