// Every message a customer or the bank's staff reads, in Japanese, one per error code; the compiler checks
// that no code is without its message (style.md habit 5). Tests assert codes, not these texts.

import type { ErrorCode } from './domain/error-codes.ts';

export const MESSAGES_JA = {
  required: '入力してください。',
  not_half_width: '半角英数字で入力してください（全角文字は使用できません）。',
  bad_format: '入力形式が正しくありません。',
  too_long: '入力できる桁数を超えています。',
  too_short: '桁数が足りません。',
  pin_wrong: 'ご契約先確認暗証番号が正しくありません。',
  pin_locked: 'ご契約先確認暗証番号は利用停止中です。お取引店にお問い合わせください。',
  login_failed: 'ご契約先IDまたは暗証番号が正しくありません。',
  login_locked: '暗証番号の誤入力が規定回数を超えたため、ログインを停止しています。',
  token_or_otp_invalid: 'シリアル番号またはワンタイムパスワードが正しくありません。',
  otp_replayed: 'このワンタイムパスワードは既に使用されています。新しいワンタイムパスワードを入力してください。',
  token_locked: 'ワンタイムパスワードの誤入力が規定回数を超えたため、このトークンは利用中止です。管理者による「利用中止解除」が必要です。',
  not_registered: 'ワンタイムパスワードの利用登録がされていません。管理者にトークンの利用登録を依頼してください。',
  no_user_selected: '利用登録する利用者を選択してください。',
  user_not_found: '指定された利用者は登録されていません。',
  user_exists: 'この利用者IDは既に登録されています。',
  user_limit: '登録できる利用者は99名までです。',
  contract_not_found: 'ご契約先が見つかりません。',
  contract_exists: 'このご契約先IDは既に登録されています。',
  token_not_found: '指定されたトークンは見つかりません。',
  token_state: 'このトークンは利用中止ではありません。',
  no_form_selected: '利用形態を選択してください。',
  user_not_selected: '利用者を選択してください。',
  not_locked: 'この利用者は利用中止ではありません。',
  session_expired: '一定時間操作がなかったため、ログアウトしました。再度ログインしてください。',
  csrf_invalid: '画面の有効期限が切れたか、正しくない操作です。もう一度最初から操作してください。',
  too_many_requests: 'ログインの試行回数が多すぎます。しばらく時間をおいてから再度お試しください。',
  page_not_found: 'お探しのページは見つかりません。',
  bad_request: '送信された内容が正しくありません。もう一度操作してください。',
  server_error: 'ただいまお取引を処理できません。しばらく時間をおいてから再度お試しください。',
  user_has_no_token: 'この利用者にはトークンが登録されていません。',
  user_login_failed: 'ご契約先ID、利用者IDまたは利用者暗証番号が正しくありません。',
  user_login_locked: '利用者暗証番号の誤入力が規定回数を超えたため、ログインを停止しています。管理者に「利用中止解除」を依頼してください。',
  not_permitted: 'このお取引を行う権限がありません。管理者に権限の設定を依頼してください。',
  otp_invalid: 'ワンタイムパスワードが正しくありません。トークンに表示されている最新のワンタイムパスワードを入力してください。',
  user_pin_wrong: '利用者確認暗証番号が正しくありません。',
  user_pin_locked: '利用者確認暗証番号の誤入力が規定回数を超えたため、お支払を停止しています。管理者に「利用中止解除」を依頼してください。',
  payee_name_full_width: '受取人名は半角カナで入力してください（全角カナ・ひらがな・漢字は使用できません）。',
  payee_name_small_kana: '受取人名に小さい文字（ｧ・ｯ・ｬ など）は使用できません。大きい文字（ｱ・ﾂ・ﾔ など）で入力してください。',
  payee_name_chars: '受取人名に使用できない文字が含まれています。半角カナ、半角英大文字、半角数字、スペースと「ｰ」「(」「)」「.」「-」「/」が使用できます。',
  amount_invalid: '金額は1円以上の金額を半角数字で入力してください。',
  over_payment_limit: '1回あたりのお支払限度額を超えています。',
  over_daily_limit: '1日あたりのお支払限度額を超えています。',
  insufficient_funds: 'お支払口座の残高が不足しています。',
  transfer_date_out_of_range: '振込指定日は本日から30日後までの日付を指定してください。',
  account_not_found: 'お支払口座を選択してください。',
  payment_not_found: 'お取引が見つかりません。お手数ですが、最初から操作してください。',
  payment_expired: 'お取引の有効時間（5分）が過ぎました。お手数ですが、もう一度入力してください。',
  payment_refused: 'このお取引はお受けできませんでした。お手数ですが、最初から操作してください。',
  api_key_invalid: 'APIキーが正しくないか、失効しています。',
  api_key_exists: 'この名前のAPIキーは既に登録されています。',
  api_key_not_found: '指定された名前の有効なAPIキーはありません。',
  token_not_in_stock: '在庫にないトークンが含まれています。発行は行っていません。',
  token_final: 'このトークンは既に失効しています。',
  resync_refused: '連続する2つのワンタイムパスワードが確認できませんでした。トークンに続けて表示された2つの値を入力してください。',
  too_many_tokens: '一度に発行できるトークンは1,000個までです。',
  staff_login_failed: '職員IDまたはパスワードが正しくありません。',
  staff_locked: '誤入力が規定回数を超えたため、この職員IDはロックされています。システム管理者に解除を依頼してください。',
  staff_otp_invalid: 'ワンタイムパスワードが正しくありません。',
  staff_otp_replayed: 'このワンタイムパスワードは既に使用されています。次のワンタイムパスワードを入力してください。',
  staff_exists: 'この職員IDは既に登録されています。',
  staff_not_found: '指定された職員は登録されていません。',
  staff_forbidden: 'この操作を行う権限がありません。',
  approval_not_found: '指定された申請は見つかりません。',
  approval_self: 'ご自身の申請は承認できません。別の承認者に依頼してください。',
  approval_expired: '申請の有効期限（24時間）が過ぎています。改めて申請してください。',
  approval_decided: 'この申請は既に処理されています。',
  lock_target_required: '解除する対象を選択してください。',
  secret_mismatch: '新しい暗証番号と確認用の入力が一致しません。同じものを入力してください。',
  secret_unchanged: '現在と同じ暗証番号は設定できません。別の暗証番号を入力してください。',
  current_secret_wrong: '現在の暗証番号が正しくありません。',
  pin_must_change: 'ご契約先確認暗証番号が再発行されています。「ご契約先確認暗証番号変更」で新しい暗証番号に変更してください。',
  transfer_date_passed: '振込指定日が過ぎています。振込指定日を入力し直してください。',
  reservation_not_found: '指定された予約は見つかりません。',
  reservation_not_cancellable: 'この予約は取り消しできません。取り消しできるのは、実行日の前日までの予約受付中のお取引です。',
  date_invalid: '日付は実在する日を「2026-11-30」の形式で入力してください。',
  seed_file_required: 'シードファイルを選択してください。',
  seed_file_too_large: 'シードファイルが大きすぎます。64MiB以下のファイルを選択してください。',
  seed_key_invalid: '事前共有鍵は16進数（偶数桁）で入力してください。',
  seed_upload_expired: 'アップロードから30分が過ぎたか、取込済みのため、このファイルは取り込めません。もう一度アップロードしてください。',
  seed_model_required: '機種を選択してください。',
  login_delayed: '暗証番号の誤入力が続いたため、しばらくの間ログインを受け付けません。',
  idempotency_key_reused: 'この Idempotency-Key は別の内容の要求に使用済みです。新しいキーを指定してください。',
  invalid_public_key: '有効化の要求が正しくありません。アプリを再読み込みして、もう一度有効化してください。',
  activation_expired: '有効化の期限（10分）が過ぎました。もう一度有効化してください。',
  app_rate_limited: '要求が多すぎます。しばらく時間をおいてから再度お試しください。',
  signature_invalid: '取引認証番号が正しくありません。アプリで、この画面のお振込先口座番号と金額の取引認証番号を表示して入力してください。',
  signature_replayed: 'この取引認証番号は既に使用されています。アプリで新しい取引認証番号を表示して入力してください。',
} as const satisfies Record<ErrorCode, string>;

export function messageFor(code: ErrorCode): string {
  return MESSAGES_JA[code];
}

/** Next to the OTP field after a wrong OTP: how many more wrong ones lock the token (0: it is locked now). */
export function otpTriesLeftMessage(remaining: number): string {
  if (remaining > 0) return `あと${remaining}回誤るとトークンが利用停止になります。`;
  return 'ワンタイムパスワードの誤入力が規定回数に達したため、トークンを利用停止にしました。管理者に「利用中止解除」を依頼してください。';
}

/** Under the login form during the progressive delay: when to try again. */
export function loginDelayMessage(seconds: number): string {
  return `${seconds}秒後に再度お試しください。`;
}
