// Messages shown to the bank operator who imports a vendor's seed file. Checked by the compiler against
// the catalog in import-error.ts; the position and 「ファイル全体を取り込みません。」 are appended there.
import type { ImportErrorCode } from './import-error.ts';
import type { ImportWarningCode } from './import-warning.ts';

export const IMPORT_MESSAGES_JA = {
  unknown_format: 'ファイル形式を判別できません（PSKCのXMLファイルまたはCSVファイルを指定してください）',
  bad_encoding: 'ファイルの文字コードがUTF-8ではありません',
  bad_xml: 'PSKCファイルのXMLの形式が正しくありません',
  dtd_forbidden: 'PSKCファイルにDOCTYPE宣言（DTD・エンティティ定義）が含まれています。安全のため受け付けません',
  bad_version: 'PSKCファイルのバージョンが1.0ではありません',
  unsupported_encryption: 'PSKCファイルの暗号方式に対応していません（対応しているのはAES-CBCの事前共有鍵またはパスフレーズ（PBKDF2）です）',
  key_missing: '暗号化されたPSKCファイルを復号する鍵が指定されていません（事前共有鍵またはパスフレーズを指定してください）',
  bad_key: '指定された事前共有鍵の長さが暗号方式と合いません',
  pbkdf2_incomplete: 'PSKCファイルのパスフレーズ鍵導出（PBKDF2）の指定に不足があります（ソルトまたは反復回数）',
  bad_pbkdf2: 'PSKCファイルのパスフレーズ鍵導出（PBKDF2）の指定が正しくありません',
  mac_method_missing: '暗号化された値がありますが、PSKCファイルにMAC方式（MACMethod）が指定されていません',
  unsupported_mac: 'PSKCファイルのMAC方式に対応していません',
  bad_mac_key: 'PSKCファイルのMAC鍵が空か、正しくありません',
  mac_missing: '暗号化された値にMAC値（ValueMAC）がありません',
  mac_mismatch: 'PSKCファイルのMAC値が一致しません。事前共有鍵・パスフレーズが誤っているか、ファイルが改ざんされています',
  bad_ciphertext: 'PSKCファイルの暗号文が正しくありません',
  plaintext_secret: '復号鍵が指定されていますが、シークレットが暗号化されていません',
  key_element_missing: '鍵パッケージに鍵（Key要素）がありません',
  unknown_algorithm: '対応していないOTP方式です（対応しているのはHOTPとTOTP、ハッシュはSHA1・SHA256・SHA512です）',
  secret_missing: 'シークレットがありません',
  secret_too_short: 'シークレットが短すぎます（16バイト以上が必要です）',
  bad_secret: 'シークレットの形式が正しくないか、長すぎます',
  bad_digits: 'ワンタイムパスワードの桁数は6～8桁（10進数）のみ対応しています',
  bad_step: 'TOTPの時間間隔は30秒または60秒のみ対応しています',
  bad_counter: 'カウンタ値は0以上9223372036854775807（2^63−1）以下の整数で指定してください',
  bad_time: '時刻または時刻ずれ（Time・TimeDrift）の値が正しくありません',
  bad_date: '日時の形式が正しくありません（例：2030-03-31T23:59:59Z）',
  unknown_policy: '鍵の利用条件（Policy）に不明な項目があります。RFC 6030に従い、この鍵は利用できないものとして扱います',
  unsupported_policy: '鍵の利用条件（Policy）に対応していない指定があります（利用回数の制限、またはサーバ側でのPIN照合）',
  usage_not_permitted: '鍵の用途（KeyUsage）にワンタイムパスワード（OTP）が含まれていません',
  serial_missing: 'シリアル番号がありません',
  bad_serial: 'シリアル番号は半角英数字1～32文字で指定してください',
  duplicate_serial: 'ファイルの中で同じシリアル番号が重複しています',
  bad_device_info: '機種名または製造元の値が正しくありません（制御文字を含まない1～64文字）',
  bad_csv: 'CSVファイルの形式が正しくありません',
  pre_rfc_format: 'RFC 6030 より前の形式（%s）には対応していません',
  unknown_namespace: 'PSKC（RFC 6030）のファイルではないか、対応していない名前空間です（%s）',
  no_tokens: 'ファイルに取り込めるトークンが1件もありません',
  plaintext_not_allowed: 'シークレットが暗号化されていない（平文の）ファイルです。平文のファイルは、平文での取込を明示的に許可した場合だけ取り込みます',
  weak_pbkdf2: 'PSKCファイルのパスフレーズ鍵導出（PBKDF2）の反復回数が少なすぎます（1,000回以上が必要です）',
  signature_missing: 'ファイルに署名（XML署名）がありません。署名を必須とする取込では受け付けません',
  signature_invalid: 'ファイルの署名（XML署名）が検証できません。ファイルが改ざんされているか、指定された署名者の証明書が誤っています',
  signature_unsupported: 'ファイルの署名（XML署名）の方式に対応していません（%s）',
  signature_scope: 'ファイルの署名（XML署名）がファイル全体を対象にしていないため、安全のため受け付けません',
  signed_file_too_large: '署名を検証するファイルは2MiBまでです（検証のためファイル全体を読み込みます）。署名元に、より小さいファイルに分けて署名するよう依頼してください',
} as const satisfies Record<ImportErrorCode, string>;

/** Said beside a successful import (the CLI's standard error, the console's 確認); the import goes ahead. */
export const IMPORT_WARNINGS_JA = {
  pbkdf2_few_iterations: 'パスフレーズ鍵導出（PBKDF2）の反復回数が10万回未満です（%s回）。送付元に、より強い設定での作成を依頼してください',
  signature_not_verified: 'ファイルに署名（XML署名）がありますが、署名者の証明書が指定されていないため検証していません',
  unsigned_file: '署名者の証明書が指定されましたが、ファイルに署名がありません（署名は検証していません）',
} as const satisfies Record<ImportWarningCode, string>;
