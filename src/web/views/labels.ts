// The screens' fixed words. Those in 「」 in the seed (../shared/seed/000_0e859333e6689eb1.txt) are copied
// exactly; tests find the controls by them.

import type { OtpForm } from '../../domain/store-ports.ts';

export const FORM_LABELS = {
  none: '未設定',
  per_user: '全ての利用者が異なるトークンを使用する',
  shared: '全ての利用者が同じトークンを使用する',
} as const satisfies Record<OtpForm, string>;

export const LABELS = {
  site: '法人インターネットバンキング',
  contractId: 'ご契約先ID',
  adminPassword: 'ご契約先暗証番号',
  confirmPin: 'ご契約先確認暗証番号',
  adminMenu: '管理者メニュー',
  contractAdmin: 'ご契約先管理情報変更',
  userAdmin: '利用者情報登録/変更',
  userSelect: '利用者情報選択',
  formSetting: '利用形態設定',
  formSettingScreen: 'ワンタイムパスワード利用形態設定',
  registerScreen: 'ワンタイムパスワード利用登録',
  form: '利用形態',
  registrationInfo: '利用登録情報',
  select: '選択',
  userName: '利用者名',
  loginId: '利用者ID',
  currentSerial: '現在のシリアル番号',
  tokenInfo: '登録トークン情報',
  serial: 'シリアル番号',
  otp: 'ワンタイムパスワード',
  ok: 'OK',
  cancel: 'キャンセル',
  next: '次へ',
  newUser: '新規登録',
  editUser: '変更',
  deleteUser: '登録抹消',
  unlock: '利用中止解除',
  unregister: '登録解除',
  login: 'ログイン',
  logout: 'ログアウト',
  userPassword: '利用者暗証番号',
  userConfirmPin: '利用者確認暗証番号',
  permissions: '権限',
  canTransfer: '資金移動',
  canPayTax: '税金各種料金払込み',
  sameTokenNote: '※複数の利用者に同一のトークンを登録することができます。',
} as const;

/** The seed's `-` for a user without a token. */
export const NO_SERIAL = '-';
